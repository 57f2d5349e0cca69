-- Issue 20 part 2: partner access. Machine clients (national portal, LGSP, ministry systems) with their scopes, unit
-- subtrees and rate limits; the access tokens MotCua issues them (hashes only); and the log of their calls (append-only).
CREATE TABLE "PartnerClients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartnerClients" PRIMARY KEY AUTOINCREMENT,
    "ClientId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "RatePerMinute" INTEGER NOT NULL,
    "SecretHash" BLOB NOT NULL,
    "SecretVersion" INTEGER NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_PartnerClients_ClientId" ON "PartnerClients" ("ClientId");

CREATE TABLE "PartnerClientUnits" (
    "PartnerClientId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    CONSTRAINT "PK_PartnerClientUnits" PRIMARY KEY ("PartnerClientId", "UnitId"),
    CONSTRAINT "FK_PartnerClientUnits_PartnerClients_PartnerClientId" FOREIGN KEY ("PartnerClientId") REFERENCES "PartnerClients" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PartnerClientUnits_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_PartnerClientUnits_UnitId" ON "PartnerClientUnits" ("UnitId");

CREATE TABLE "PartnerTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartnerTokens" PRIMARY KEY AUTOINCREMENT,
    "TokenHash" BLOB NOT NULL,
    "PartnerClientId" INTEGER NOT NULL,
    "Scopes" TEXT NOT NULL,
    "SecretVersion" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_PartnerTokens_PartnerClients_PartnerClientId" FOREIGN KEY ("PartnerClientId") REFERENCES "PartnerClients" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_PartnerTokens_TokenHash" ON "PartnerTokens" ("TokenHash");
CREATE INDEX "IX_PartnerTokens_PartnerClientId" ON "PartnerTokens" ("PartnerClientId");

CREATE TABLE "PartnerCalls" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartnerCalls" PRIMARY KEY AUTOINCREMENT,
    "PartnerClientId" INTEGER NOT NULL,
    "ClientId" TEXT NOT NULL,
    "Scope" TEXT NULL,
    "Method" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "At" TEXT NOT NULL
);
CREATE INDEX "IX_PartnerCalls_At" ON "PartnerCalls" ("At");
CREATE INDEX "IX_PartnerCalls_PartnerClientId_At" ON "PartnerCalls" ("PartnerClientId", "At");
CREATE TRIGGER "PartnerCalls_append_only_update" BEFORE UPDATE ON "PartnerCalls" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER "PartnerCalls_append_only_delete" BEFORE DELETE ON "PartnerCalls" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
