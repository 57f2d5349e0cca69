-- Procedure catalog (issue 4): domains, procedures and their versions, components, times, fees, form files,
-- internal processes and providers. Generated from the EF model by tools/MotCua.SchemaTool.
CREATE TABLE "Domains" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Domains" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL
);

CREATE TABLE "FormTemplates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FormTemplates" PRIMARY KEY AUTOINCREMENT,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "UploadedAt" TEXT NOT NULL
);

CREATE TABLE "Procedures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Procedures" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "OwnerUnitId" INTEGER NOT NULL,
    CONSTRAINT "FK_Procedures_Units_OwnerUnitId" FOREIGN KEY ("OwnerUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProcedureProviders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcedureProviders" PRIMARY KEY AUTOINCREMENT,
    "ProcedureId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "FK_ProcedureProviders_Procedures_ProcedureId" FOREIGN KEY ("ProcedureId") REFERENCES "Procedures" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProcedureProviders_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProcedureVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcedureVersions" PRIMARY KEY AUTOINCREMENT,
    "ProcedureId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ValidFrom" TEXT NULL,
    "ValidTo" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "DomainId" INTEGER NOT NULL,
    "Agency" TEXT NOT NULL,
    "Steps" text NOT NULL,
    "Result" text NOT NULL,
    "Requirements" text NOT NULL,
    "LegalBasis" text NOT NULL,
    "OnlineMode" TEXT NOT NULL,
    "PostalIntake" INTEGER NOT NULL,
    "PostalReturn" INTEGER NOT NULL,
    "SearchName" TEXT NOT NULL,
    "SearchText" text NOT NULL,
    CONSTRAINT "FK_ProcedureVersions_Domains_DomainId" FOREIGN KEY ("DomainId") REFERENCES "Domains" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProcedureVersions_Procedures_ProcedureId" FOREIGN KEY ("ProcedureId") REFERENCES "Procedures" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProcessDefinitions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcessDefinitions" PRIMARY KEY AUTOINCREMENT,
    "ProcedureId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ProcessDefinitions_Procedures_ProcedureId" FOREIGN KEY ("ProcedureId") REFERENCES "Procedures" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProcessDefinitions_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProcedureComponents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcedureComponents" PRIMARY KEY AUTOINCREMENT,
    "VersionId" INTEGER NOT NULL,
    "Order" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Originals" INTEGER NOT NULL,
    "CertifiedCopies" INTEGER NOT NULL,
    "Copies" INTEGER NOT NULL,
    "FormTemplateId" INTEGER NULL,
    CONSTRAINT "FK_ProcedureComponents_FormTemplates_FormTemplateId" FOREIGN KEY ("FormTemplateId") REFERENCES "FormTemplates" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProcedureComponents_ProcedureVersions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "ProcedureVersions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProcedureFees" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcedureFees" PRIMARY KEY AUTOINCREMENT,
    "VersionId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Exemptions" text NULL,
    CONSTRAINT "FK_ProcedureFees_ProcedureVersions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "ProcedureVersions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProcessingTimes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcessingTimes" PRIMARY KEY AUTOINCREMENT,
    "VersionId" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Unit" TEXT NOT NULL,
    "SameDayCutoff" TEXT NULL,
    CONSTRAINT "FK_ProcessingTimes_ProcedureVersions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "ProcedureVersions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProcessSteps" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcessSteps" PRIMARY KEY AUTOINCREMENT,
    "DefinitionId" INTEGER NOT NULL,
    "Order" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "OfficeUnitId" INTEGER NULL,
    "Role" TEXT NOT NULL,
    "Hours" TEXT NOT NULL,
    "InterAgency" INTEGER NOT NULL,
    "Agency" TEXT NULL,
    CONSTRAINT "FK_ProcessSteps_ProcessDefinitions_DefinitionId" FOREIGN KEY ("DefinitionId") REFERENCES "ProcessDefinitions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProcessSteps_Units_OfficeUnitId" FOREIGN KEY ("OfficeUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Domains_Code" ON "Domains" ("Code");

CREATE INDEX "IX_ProcedureComponents_FormTemplateId" ON "ProcedureComponents" ("FormTemplateId");

CREATE INDEX "IX_ProcedureComponents_VersionId_Order" ON "ProcedureComponents" ("VersionId", "Order");

CREATE INDEX "IX_ProcedureFees_VersionId" ON "ProcedureFees" ("VersionId");

CREATE UNIQUE INDEX "IX_ProcedureProviders_ProcedureId_UnitId" ON "ProcedureProviders" ("ProcedureId", "UnitId");

CREATE INDEX "IX_ProcedureProviders_UnitId" ON "ProcedureProviders" ("UnitId");

CREATE UNIQUE INDEX "IX_Procedures_Code" ON "Procedures" ("Code");

CREATE INDEX "IX_Procedures_OwnerUnitId" ON "Procedures" ("OwnerUnitId");

CREATE INDEX "IX_ProcedureVersions_DomainId" ON "ProcedureVersions" ("DomainId");

CREATE UNIQUE INDEX "IX_ProcedureVersions_ProcedureId_Number" ON "ProcedureVersions" ("ProcedureId", "Number");

CREATE INDEX "IX_ProcedureVersions_Status_ValidFrom" ON "ProcedureVersions" ("Status", "ValidFrom");

CREATE UNIQUE INDEX "IX_ProcessDefinitions_ProcedureId_UnitId" ON "ProcessDefinitions" ("ProcedureId", "UnitId");

CREATE INDEX "IX_ProcessDefinitions_UnitId" ON "ProcessDefinitions" ("UnitId");

CREATE UNIQUE INDEX "IX_ProcessingTimes_VersionId_Channel" ON "ProcessingTimes" ("VersionId", "Channel");

CREATE INDEX "IX_ProcessSteps_DefinitionId_Order" ON "ProcessSteps" ("DefinitionId", "Order");

CREATE INDEX "IX_ProcessSteps_OfficeUnitId" ON "ProcessSteps" ("OfficeUnitId");
