-- Feedback and petitions on administrative regulations (issue 18; Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP).
CREATE TABLE "Petitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Petitions" PRIMARY KEY,
    "Reference" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "SenderName" TEXT NOT NULL,
    "SenderPhone" TEXT NULL,
    "SenderEmail" TEXT NULL,
    "SenderAddress" TEXT NULL,
    "AgreesToPublish" INTEGER NOT NULL,
    "Content" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "UnitPath" TEXT NOT NULL,
    "ProcedureCode" TEXT NULL,
    "DossierId" TEXT NULL,
    "DossierCode" TEXT NULL,
    "CitizenAccountId" TEXT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "ReceivedByName" TEXT NULL,
    "AssigneeId" TEXT NULL,
    "AssigneeName" TEXT NULL,
    "AssignedAt" TEXT NULL,
    "DueAt" TEXT NULL,
    "AnsweredAt" TEXT NULL,
    "Answer" TEXT NULL,
    "PublicAnswer" TEXT NULL,
    "PublishedAt" TEXT NULL
);
CREATE UNIQUE INDEX "IX_Petitions_Reference" ON "Petitions" ("Reference");
CREATE INDEX "IX_Petitions_UnitPath_ReceivedAt" ON "Petitions" ("UnitPath", "ReceivedAt");
CREATE INDEX "IX_Petitions_DossierId" ON "Petitions" ("DossierId") WHERE "DossierId" IS NOT NULL;
