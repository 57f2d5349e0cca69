-- Dossier processing (issue 6): decision, return, one apology with a new appointment, clock suspensions.
ALTER TABLE "Dossiers" ADD COLUMN "FinishedAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "Outcome" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "ReturnedAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "ExtendedAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "ExtensionReason" TEXT NULL;

CREATE TABLE "DossierSuspensions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DossierSuspensions" PRIMARY KEY AUTOINCREMENT,
    "From" TEXT NOT NULL,
    "To" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "Rule" TEXT NOT NULL,
    "DossierId" TEXT NOT NULL,
    CONSTRAINT "FK_DossierSuspensions_Dossiers_DossierId" FOREIGN KEY ("DossierId") REFERENCES "Dossiers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DossierSuspensions_DossierId" ON "DossierSuspensions" ("DossierId");

-- Where the dossier is in its internal process, who holds it, and every hand-off (the process control slip).
ALTER TABLE "Dossiers" ADD COLUMN "CurrentStep" INTEGER NULL;
ALTER TABLE "Dossiers" ADD COLUMN "AssigneeId" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "StepStartedAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "StepDueAt" TEXT NULL;
CREATE INDEX "IX_Dossiers_AssigneeId_DueAt" ON "Dossiers" ("AssigneeId", "DueAt");

CREATE TABLE "DossierHandoffs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DossierHandoffs" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "FromStep" INTEGER NULL,
    "FromUserId" TEXT NULL,
    "FromName" TEXT NOT NULL,
    "ToStep" INTEGER NULL,
    "ToUserId" TEXT NULL,
    "Timeliness" TEXT NULL,
    "Note" TEXT NULL,
    "DossierId" TEXT NOT NULL,
    CONSTRAINT "FK_DossierHandoffs_Dossiers_DossierId" FOREIGN KEY ("DossierId") REFERENCES "Dossiers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DossierHandoffs_DossierId" ON "DossierHandoffs" ("DossierId");

-- Một cửa liên thông: the agency a transfer waits on.
ALTER TABLE "Dossiers" ADD COLUMN "TransferUnitPath" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "TransferSentAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "TransferAccepted" INTEGER NOT NULL DEFAULT 0;
