-- Issue 20 part 3: the sync with the National Public Service Portal goes through the outbox (channel Portal, kept in order per
-- dossier by its topic) and each message the portal accepted keeps its acknowledgement (append-only).
CREATE INDEX "IX_OutboxMessages_Topic_Id" ON "OutboxMessages" ("Topic", "Id");

CREATE TABLE "PortalAcknowledgements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PortalAcknowledgements" PRIMARY KEY AUTOINCREMENT,
    "OutboxMessageId" INTEGER NOT NULL,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "AcknowledgedAt" TEXT NOT NULL,
    "Reference" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_PortalAcknowledgements_OutboxMessageId" ON "PortalAcknowledgements" ("OutboxMessageId");
CREATE INDEX "IX_PortalAcknowledgements_DossierId" ON "PortalAcknowledgements" ("DossierId");
CREATE TRIGGER "PortalAcknowledgements_append_only_update" BEFORE UPDATE ON "PortalAcknowledgements" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER "PortalAcknowledgements_append_only_delete" BEFORE DELETE ON "PortalAcknowledgements" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
