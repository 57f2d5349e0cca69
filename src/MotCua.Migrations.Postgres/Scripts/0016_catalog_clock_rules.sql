-- Clock rules per procedure version (issue 16), instead of two settings listing procedure codes: what a supplement does to
-- the clock (restart, the common rule, or pause) and whether the applicant's wait to pay counts in the processing time.
ALTER TABLE "ProcedureVersions" ADD COLUMN "SupplementRule" character varying(20) NOT NULL DEFAULT 'Restart';
ALTER TABLE "ProcedureVersions" ADD COLUMN "PaymentTimeCounts" boolean NOT NULL DEFAULT FALSE;
