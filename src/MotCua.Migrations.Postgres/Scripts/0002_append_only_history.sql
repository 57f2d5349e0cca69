-- History is append-only: the database refuses UPDATE and DELETE on it, whatever the code path.
CREATE FUNCTION motcua_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only';
END
$$;
CREATE TRIGGER "AuditEvents_append_only" BEFORE UPDATE OR DELETE ON "AuditEvents" FOR EACH ROW EXECUTE FUNCTION motcua_append_only();
CREATE TRIGGER "AuditDigests_append_only" BEFORE UPDATE OR DELETE ON "AuditDigests" FOR EACH ROW EXECUTE FUNCTION motcua_append_only();
