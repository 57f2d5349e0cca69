-- Issue 20 part 4: citizen accounts linked to the national identity (OpenID Connect sign-in), and the dossiers whose owner it vouched for.
CREATE TABLE "NationalIdentityLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_NationalIdentityLinks" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Issuer" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "IdNumber" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "BirthDate" TEXT NOT NULL,
    "Address" TEXT NULL,
    "LinkedAt" TEXT NOT NULL,
    "VerifiedAt" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_NationalIdentityLinks_Issuer_Subject" ON "NationalIdentityLinks" ("Issuer", "Subject");
CREATE UNIQUE INDEX "IX_NationalIdentityLinks_UserId" ON "NationalIdentityLinks" ("UserId");
CREATE UNIQUE INDEX "IX_NationalIdentityLinks_IdNumber" ON "NationalIdentityLinks" ("IdNumber");

CREATE TABLE "DossierOwnerVerifications" (
    "DossierId" TEXT NOT NULL CONSTRAINT "PK_DossierOwnerVerifications" PRIMARY KEY,
    "Issuer" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "BirthDate" TEXT NOT NULL,
    "VerifiedAt" TEXT NOT NULL
);
