-- Issue 20 part 5: what each dossier reused of what the state already held (Decision 766 indicator 4.3).
CREATE TABLE "DossierReuses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DossierReuses" PRIMARY KEY AUTOINCREMENT,
    "DossierId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Component" TEXT NULL,
    "SourceDossierId" TEXT NULL,
    "SourceFileId" TEXT NULL,
    "FileId" TEXT NULL,
    "RecordedAt" TEXT NOT NULL
);
CREATE INDEX "IX_DossierReuses_DossierId" ON "DossierReuses" ("DossierId");
