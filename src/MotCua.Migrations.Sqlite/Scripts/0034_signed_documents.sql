-- Signed documents (issue 19): MotCua's record of each PDF it signed, and when a dossier's result file was signed.
ALTER TABLE "DossierFiles" ADD COLUMN "SignedAt" TEXT NULL;

CREATE TABLE "SignedDocuments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SignedDocuments" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NOT NULL,
    "FileId" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "UnitCode" TEXT NOT NULL,
    "UnitPath" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "OriginalSha256" TEXT NOT NULL,
    "CertificateSubject" TEXT NOT NULL,
    "CertificateThumbprint" TEXT NOT NULL,
    "SignedAt" TEXT NOT NULL,
    "SignedById" TEXT NULL,
    "SignedByName" TEXT NOT NULL
);
CREATE INDEX "IX_SignedDocuments_Sha256" ON "SignedDocuments" ("Sha256");
CREATE INDEX "IX_SignedDocuments_DossierId" ON "SignedDocuments" ("DossierId");
CREATE INDEX "IX_SignedDocuments_UnitPath_SignedAt" ON "SignedDocuments" ("UnitPath", "SignedAt");
