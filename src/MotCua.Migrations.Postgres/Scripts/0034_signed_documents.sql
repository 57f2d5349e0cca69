-- Signed documents (issue 19): MotCua's record of each PDF it signed, and when a dossier's result file was signed.
ALTER TABLE "DossierFiles" ADD COLUMN "SignedAt" timestamp with time zone NULL;

CREATE TABLE "SignedDocuments" (
    "Id" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "DossierId" uuid NOT NULL,
    "DossierCode" character varying(60) NOT NULL,
    "FileId" uuid NULL,
    "FileName" character varying(200) NOT NULL,
    "UnitCode" character varying(40) NOT NULL,
    "UnitPath" character varying(400) NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "OriginalSha256" character varying(64) NOT NULL,
    "CertificateSubject" character varying(400) NOT NULL,
    "CertificateThumbprint" character varying(64) NOT NULL,
    "SignedAt" timestamp with time zone NOT NULL,
    "SignedById" uuid NULL,
    "SignedByName" character varying(200) NOT NULL,
    CONSTRAINT "PK_SignedDocuments" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_SignedDocuments_Sha256" ON "SignedDocuments" ("Sha256");
CREATE INDEX "IX_SignedDocuments_DossierId" ON "SignedDocuments" ("DossierId");
CREATE INDEX "IX_SignedDocuments_UnitPath_SignedAt" ON "SignedDocuments" ("UnitPath", "SignedAt");
