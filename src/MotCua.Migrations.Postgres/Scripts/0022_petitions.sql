-- Feedback and petitions on administrative regulations (issue 18; Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP).
CREATE TABLE "Petitions" (
    "Id" uuid NOT NULL,
    "Reference" character varying(20) NOT NULL,
    "Version" integer NOT NULL,
    "Channel" character varying(10) NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "State" character varying(10) NOT NULL,
    "SenderName" character varying(200) NOT NULL,
    "SenderPhone" character varying(20),
    "SenderEmail" character varying(256),
    "SenderAddress" character varying(300),
    "AgreesToPublish" boolean NOT NULL,
    "Content" character varying(4000) NOT NULL,
    "UnitId" integer NOT NULL,
    "UnitPath" character varying(400) NOT NULL,
    "ProcedureCode" character varying(60),
    "DossierId" uuid,
    "DossierCode" character varying(60),
    "CitizenAccountId" uuid,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "ReceivedByName" character varying(200),
    "AssigneeId" uuid,
    "AssigneeName" character varying(200),
    "AssignedAt" timestamp with time zone,
    "DueAt" timestamp with time zone,
    "AnsweredAt" timestamp with time zone,
    "Answer" character varying(4000),
    "PublicAnswer" character varying(4000),
    "PublishedAt" timestamp with time zone,
    CONSTRAINT "PK_Petitions" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_Petitions_Reference" ON "Petitions" ("Reference");
CREATE INDEX "IX_Petitions_UnitPath_ReceivedAt" ON "Petitions" ("UnitPath", "ReceivedAt");
CREATE INDEX "IX_Petitions_DossierId" ON "Petitions" ("DossierId") WHERE "DossierId" IS NOT NULL;
