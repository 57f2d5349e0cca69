-- Financial obligation during processing (issue 6, national state 6): the latest obligation asked of the applicant.
ALTER TABLE "Dossiers" ADD COLUMN "PaymentAmount" bigint NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaymentFor" character varying(1000) NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaymentRequestedAt" timestamp with time zone NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaidAt" timestamp with time zone NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaymentReceipt" character varying(60) NULL;

-- How the result was returned (counter, post, online); null for dossiers imported without it.
ALTER TABLE "Dossiers" ADD COLUMN "ReturnedBy" character varying(10) NULL;
