-- Financial obligation during processing (issue 6, national state 6): the latest obligation asked of the applicant.
ALTER TABLE "Dossiers" ADD COLUMN "PaymentAmount" INTEGER NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaymentFor" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaymentRequestedAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaidAt" TEXT NULL;
ALTER TABLE "Dossiers" ADD COLUMN "PaymentReceipt" TEXT NULL;

-- How the result was returned (counter, post, online); null for dossiers imported without it.
ALTER TABLE "Dossiers" ADD COLUMN "ReturnedBy" TEXT NULL;
