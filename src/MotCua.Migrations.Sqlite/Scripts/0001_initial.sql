-- MotCua schema v1 for SQLite, generated from the EF model by tools/MotCua.SchemaTool.
CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditDigests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditDigests" PRIMARY KEY AUTOINCREMENT,
    "CreatedAt" TEXT NOT NULL,
    "StreamCount" INTEGER NOT NULL,
    "EventCount" INTEGER NOT NULL,
    "Heads" text NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "StreamId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "ActorRole" TEXT NULL,
    "ActorUnitCode" TEXT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "Before" text NULL,
    "After" text NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "DossierCodeCounters" (
    "AgencyCode" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "LastValue" INTEGER NOT NULL,
    CONSTRAINT "PK_DossierCodeCounters" PRIMARY KEY ("AgencyCode", "Day")
);


CREATE TABLE "Dossiers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Dossiers" PRIMARY KEY,
    "Code" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "ProcedureVersionId" INTEGER NOT NULL,
    "ProcedureName" TEXT NOT NULL,
    "DomainCode" TEXT NULL,
    "ReceivingUnitId" INTEGER NOT NULL,
    "ReceivingUnitPath" TEXT NOT NULL,
    "HandlingUnitId" INTEGER NOT NULL,
    "HandlingUnitPath" TEXT NOT NULL,
    "OwnerKind" TEXT NOT NULL,
    "Owner_Name" TEXT NOT NULL,
    "Owner_IdType" TEXT NOT NULL,
    "Owner_IdNumber" TEXT NOT NULL,
    "Owner_Address" TEXT NOT NULL,
    "Owner_Phone" TEXT NULL,
    "Owner_Email" TEXT NULL,
    "Submitter_Name" TEXT NULL,
    "Submitter_IdType" TEXT NULL,
    "Submitter_IdNumber" TEXT NULL,
    "Submitter_Address" TEXT NULL,
    "Submitter_Phone" TEXT NULL,
    "Submitter_Email" TEXT NULL,
    "Summary" TEXT NULL,
    "Sets" INTEGER NOT NULL,
    "CitizenAccountId" TEXT NULL,
    "SubmittedFromStaffSession" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SubmittedAt" TEXT NULL,
    "ReceivedAt" TEXT NULL,
    "DueAt" TEXT NULL,
    "OriginalDueAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "Reason" TEXT NULL,
    "TrackingSecret" TEXT NOT NULL,
    "PostalWaybill" TEXT NULL,
    "PostDeliveredAt" TEXT NULL,
    "ReturnByPost" INTEGER NOT NULL
);


CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "Channel" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" text NOT NULL,
    "Topic" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "LockedUntil" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "DeliveredAt" TEXT NULL,
    "GaveUpAt" TEXT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "Units" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Units" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "ParentId" INTEGER NULL,
    "Path" TEXT NOT NULL,
    "ValidFrom" TEXT NOT NULL,
    "ValidTo" TEXT NULL,
    "SuccessorId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Units_Units_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Units" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Units_Units_SuccessorId" FOREIGN KEY ("SuccessorId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AbsoluteExpiry" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "Ticket" BLOB NOT NULL
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "DossierComponents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DossierComponents" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Originals" INTEGER NOT NULL,
    "CertifiedCopies" INTEGER NOT NULL,
    "Copies" INTEGER NOT NULL,
    "DossierId" TEXT NOT NULL,
    CONSTRAINT "FK_DossierComponents_Dossiers_DossierId" FOREIGN KEY ("DossierId") REFERENCES "Dossiers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "DossierFiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DossierFiles" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoragePath" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "DossierId" TEXT NOT NULL,
    CONSTRAINT "FK_DossierFiles_Dossiers_DossierId" FOREIGN KEY ("DossierId") REFERENCES "Dossiers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RoleAssignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RoleAssignments" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "FK_RoleAssignments_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RoleAssignments_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "IX_AspNetUsers_PhoneNumber" ON "AspNetUsers" ("PhoneNumber");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE UNIQUE INDEX "IX_AuditEvents_StreamId_Sequence" ON "AuditEvents" ("StreamId", "Sequence");


CREATE INDEX "IX_DossierFiles_DossierId" ON "DossierFiles" ("DossierId");


CREATE INDEX "IX_Dossiers_CitizenAccountId" ON "Dossiers" ("CitizenAccountId");


CREATE UNIQUE INDEX "IX_Dossiers_Code" ON "Dossiers" ("Code");


CREATE INDEX "IX_Dossiers_HandlingUnitPath_State_DueAt" ON "Dossiers" ("HandlingUnitPath", "State", "DueAt");


CREATE INDEX "IX_OutboxMessages_DeliveredAt_NextAttemptAt" ON "OutboxMessages" ("DeliveredAt", "NextAttemptAt");


CREATE INDEX "IX_RoleAssignments_UnitId" ON "RoleAssignments" ("UnitId");


CREATE UNIQUE INDEX "IX_RoleAssignments_UserId_Role_UnitId" ON "RoleAssignments" ("UserId", "Role", "UnitId");


CREATE UNIQUE INDEX "IX_Units_Code" ON "Units" ("Code");


CREATE INDEX "IX_Units_ParentId" ON "Units" ("ParentId");


CREATE INDEX "IX_Units_Path" ON "Units" ("Path");


CREATE INDEX "IX_Units_SuccessorId" ON "Units" ("SuccessorId");


CREATE INDEX "IX_UserSessions_UserId" ON "UserSessions" ("UserId");



CREATE INDEX "IX_DossierComponents_DossierId" ON "DossierComponents" ("DossierId");
