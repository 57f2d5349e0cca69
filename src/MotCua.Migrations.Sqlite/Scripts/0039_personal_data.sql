-- Issue 17 part 5 (Personal Data Protection Law 91/2025/QH15): retention per procedure, the erasure mark of a dossier
-- whose retention ended, and the log of staff reads of a dossier's personal data (append-only, like the history).
ALTER TABLE "Procedures" ADD "RetentionYears" INTEGER NULL;
ALTER TABLE "Dossiers" ADD "PersonalDataErasedAt" TEXT NULL;

CREATE TABLE "PersonalDataReads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PersonalDataReads" PRIMARY KEY AUTOINCREMENT,
    "ReadAt" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "ActorRole" TEXT NULL,
    "ActorUnitCode" TEXT NULL,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NULL,
    "DossierUnitPath" TEXT NOT NULL,
    "Place" TEXT NOT NULL
);
CREATE INDEX "IX_PersonalDataReads_ReadAt" ON "PersonalDataReads" ("ReadAt");
CREATE INDEX "IX_PersonalDataReads_DossierId" ON "PersonalDataReads" ("DossierId");
CREATE TRIGGER "PersonalDataReads_append_only_update" BEFORE UPDATE ON "PersonalDataReads" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER "PersonalDataReads_append_only_delete" BEFORE DELETE ON "PersonalDataReads" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
