-- Two indexes of "Dossiers" leave out the rows they are never asked for: "my dossiers" reads one citizen's account and
-- "assigned to me" one assignee, while counter and postal dossiers have no account and no new dossier has an assignee.
-- Every intake then writes two index entries fewer.
DROP INDEX "IX_Dossiers_CitizenAccountId";
CREATE INDEX "IX_Dossiers_CitizenAccountId" ON "Dossiers" ("CitizenAccountId") WHERE "CitizenAccountId" IS NOT NULL;
DROP INDEX "IX_Dossiers_AssigneeId_DueAt";
CREATE INDEX "IX_Dossiers_AssigneeId_DueAt" ON "Dossiers" ("AssigneeId", "DueAt") WHERE "AssigneeId" IS NOT NULL;
