-- Issue 18: notices that reach people. Each message names its template (the SMS gateway's template id is looked up
-- from it), and each citizen account chooses its channels.
ALTER TABLE "OutboxMessages" ADD "Template" TEXT NULL;
CREATE INDEX "IX_OutboxMessages_GaveUpAt" ON "OutboxMessages" ("GaveUpAt");

CREATE TABLE "NoticeChoices" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_NoticeChoices" PRIMARY KEY,
    "Email" INTEGER NOT NULL,
    "Sms" INTEGER NOT NULL,
    "ChangedAt" TEXT NOT NULL
);
