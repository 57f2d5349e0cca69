-- Deadline watch (issue 6): the due moment each notice was sent for, so a notice goes out once per due date.
ALTER TABLE "Dossiers" ADD COLUMN "SoonDueNoticeFor" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "OverdueNoticeFor" TEXT NULL;

-- The office queue (a unit path prefix, in due order) and the watch's scan of undecided dossiers by due date.
CREATE INDEX "IX_Dossiers_OfficeQueue" ON "Dossiers" ("HandlingUnitPath", "DueAt", "Code") WHERE "State" = 'Processing' AND "AssigneeId" IS NULL;
CREATE INDEX "IX_Dossiers_OpenByDue" ON "Dossiers" ("DueAt") WHERE "State" IN ('Received', 'Processing');
