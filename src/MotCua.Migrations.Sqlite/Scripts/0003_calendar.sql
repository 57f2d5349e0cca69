-- The working-time engine (issue 3): the civil-servant calendar per year, unit office hours,
-- and the revision counter that tells every web node to rebuild its cached calendars.

CREATE TABLE "CalendarRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CalendarRevisions" PRIMARY KEY,
    "Revision" INTEGER NOT NULL,
    "ChangedAt" TEXT NOT NULL
);

CREATE TABLE "CalendarYears" (
    "Year" INTEGER NOT NULL CONSTRAINT "PK_CalendarYears" PRIMARY KEY,
    "Status" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    "ConfirmedById" TEXT NULL,
    "ConfirmedByName" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "CalendarDays" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CalendarDays" PRIMARY KEY AUTOINCREMENT,
    "Year" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Source" TEXT NULL,
    CONSTRAINT "FK_CalendarDays_CalendarYears_Year" FOREIGN KEY ("Year") REFERENCES "CalendarYears" ("Year") ON DELETE CASCADE
);

CREATE TABLE "UnitWorkingHours" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UnitWorkingHours" PRIMARY KEY AUTOINCREMENT,
    "UnitId" INTEGER NOT NULL,
    "MorningStart" TEXT NOT NULL,
    "MorningEnd" TEXT NOT NULL,
    "AfternoonStart" TEXT NOT NULL,
    "AfternoonEnd" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_UnitWorkingHours_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_CalendarDays_Date" ON "CalendarDays" ("Date");

CREATE INDEX "IX_CalendarDays_Year" ON "CalendarDays" ("Year");

CREATE UNIQUE INDEX "IX_UnitWorkingHours_UnitId" ON "UnitWorkingHours" ("UnitId");

INSERT INTO "CalendarRevisions" ("Id", "Revision", "ChangedAt") VALUES (1, 0, '2026-01-01 00:00:00');
