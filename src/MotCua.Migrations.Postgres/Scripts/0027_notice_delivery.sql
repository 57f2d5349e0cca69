-- Issue 18: notices that reach people. Each message names its template (the SMS gateway's template id is looked up
-- from it), and each citizen account chooses its channels.
ALTER TABLE "OutboxMessages" ADD "Template" character varying(60);
CREATE INDEX "IX_OutboxMessages_GaveUpAt" ON "OutboxMessages" ("GaveUpAt");

CREATE TABLE "NoticeChoices" (
    "UserId" uuid NOT NULL,
    "Email" boolean NOT NULL,
    "Sms" boolean NOT NULL,
    "ChangedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_NoticeChoices" PRIMARY KEY ("UserId")
);
