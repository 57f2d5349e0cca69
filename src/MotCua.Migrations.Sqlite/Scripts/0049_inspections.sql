-- Issue 21: inspections of reform work (kiểm tra công tác cải cách hành chính): yearly plans, rounds, findings, corrections.
CREATE TABLE "InspectionPlans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionPlans" PRIMARY KEY AUTOINCREMENT,
    "ParentUnitId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_InspectionPlans_Units_ParentUnitId" FOREIGN KEY ("ParentUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_InspectionPlans_ParentUnitId_Year" ON "InspectionPlans" ("ParentUnitId", "Year");

CREATE TABLE "InspectionPlanUnits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionPlanUnits" PRIMARY KEY AUTOINCREMENT,
    "PlanId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "FK_InspectionPlanUnits_InspectionPlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "InspectionPlans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InspectionPlanUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_InspectionPlanUnits_PlanId_UnitId" ON "InspectionPlanUnits" ("PlanId", "UnitId");
CREATE INDEX "IX_InspectionPlanUnits_UnitId" ON "InspectionPlanUnits" ("UnitId");

CREATE TABLE "InspectionRounds" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionRounds" PRIMARY KEY AUTOINCREMENT,
    "PlanId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "TeamLead" TEXT NOT NULL,
    CONSTRAINT "FK_InspectionRounds_InspectionPlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "InspectionPlans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_InspectionRounds_PlanId" ON "InspectionRounds" ("PlanId");

CREATE TABLE "InspectionRoundUnits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionRoundUnits" PRIMARY KEY AUTOINCREMENT,
    "RoundId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "FK_InspectionRoundUnits_InspectionRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "InspectionRounds" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InspectionRoundUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_InspectionRoundUnits_RoundId_UnitId" ON "InspectionRoundUnits" ("RoundId", "UnitId");
CREATE INDEX "IX_InspectionRoundUnits_UnitId" ON "InspectionRoundUnits" ("UnitId");

CREATE TABLE "InspectionFindings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionFindings" PRIMARY KEY AUTOINCREMENT,
    "RoundId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Item" TEXT NOT NULL,
    "Passed" INTEGER NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_InspectionFindings_InspectionRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "InspectionRounds" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InspectionFindings_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_InspectionFindings_RoundId" ON "InspectionFindings" ("RoundId");
CREATE INDEX "IX_InspectionFindings_UnitId" ON "InspectionFindings" ("UnitId");

CREATE TABLE "InspectionCorrections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionCorrections" PRIMARY KEY AUTOINCREMENT,
    "RoundId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Requirement" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "DoneOn" TEXT NULL,
    "DoneNote" TEXT NULL,
    CONSTRAINT "FK_InspectionCorrections_InspectionRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "InspectionRounds" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InspectionCorrections_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_InspectionCorrections_RoundId" ON "InspectionCorrections" ("RoundId");
CREATE INDEX "IX_InspectionCorrections_UnitId" ON "InspectionCorrections" ("UnitId");
