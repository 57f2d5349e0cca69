-- History is append-only: the database refuses UPDATE and DELETE on it, whatever the code path.
CREATE TRIGGER "AuditEvents_append_only_update" BEFORE UPDATE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER "AuditEvents_append_only_delete" BEFORE DELETE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER "AuditDigests_append_only_update" BEFORE UPDATE ON "AuditDigests" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER "AuditDigests_append_only_delete" BEFORE DELETE ON "AuditDigests" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
