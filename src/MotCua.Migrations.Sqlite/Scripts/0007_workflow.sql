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
