-- Reporting (issue 7): each dossier's append-only reporting timeline, written with the dossier change.
CREATE TABLE "DossierMilestones" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DossierMilestones" PRIMARY KEY AUTOINCREMENT,
    "DossierId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "DueDay" TEXT NULL,
    "Timeliness" TEXT NULL,
    "Digitised" INTEGER NOT NULL,
    CONSTRAINT "FK_DossierMilestones_Dossiers_DossierId" FOREIGN KEY ("DossierId") REFERENCES "Dossiers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_DossierMilestones_DossierId_Day" ON "DossierMilestones" ("DossierId", "Day");

-- Fact changes appended by every dossier change (insert only), and the day/month/year facts they are folded into.
CREATE TABLE "ReportFactDeltas" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportFactDeltas" PRIMARY KEY AUTOINCREMENT,
    "Day" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "DomainCode" TEXT NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "ReceivedCounter" INTEGER NOT NULL,
    "ReceivedOnline" INTEGER NOT NULL,
    "ReceivedPostal" INTEGER NOT NULL,
    "Digitised" INTEGER NOT NULL,
    "ResolvedEarly" INTEGER NOT NULL,
    "ResolvedOnTime" INTEGER NOT NULL,
    "ResolvedLate" INTEGER NOT NULL,
    "ResultsAttached" INTEGER NOT NULL,
    "Refused" INTEGER NOT NULL,
    "Withdrawn" INTEGER NOT NULL,
    "Stopped" INTEGER NOT NULL,
    "Within" INTEGER NOT NULL,
    "Overdue" INTEGER NOT NULL,
    "Awaiting" INTEGER NOT NULL
);

CREATE TABLE "ReportFacts" (
    "UnitId" INTEGER NOT NULL,
    "DomainCode" TEXT NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Grain" TEXT NOT NULL,
    "PeriodStart" TEXT NOT NULL,
    "ReceivedCounter" INTEGER NOT NULL,
    "ReceivedOnline" INTEGER NOT NULL,
    "ReceivedPostal" INTEGER NOT NULL,
    "Digitised" INTEGER NOT NULL,
    "ResolvedEarly" INTEGER NOT NULL,
    "ResolvedOnTime" INTEGER NOT NULL,
    "ResolvedLate" INTEGER NOT NULL,
    "ResultsAttached" INTEGER NOT NULL,
    "Refused" INTEGER NOT NULL,
    "Withdrawn" INTEGER NOT NULL,
    "Stopped" INTEGER NOT NULL,
    "Within" INTEGER NOT NULL,
    "Overdue" INTEGER NOT NULL,
    "Awaiting" INTEGER NOT NULL,
    CONSTRAINT "PK_ReportFacts" PRIMARY KEY ("Grain", "PeriodStart", "UnitId", "DomainCode", "ProcedureCode", "Channel")
);

-- Drill-downs select dossiers by handling unit.
CREATE INDEX "IX_Dossiers_HandlingUnitId" ON "Dossiers" ("HandlingUnitId");
