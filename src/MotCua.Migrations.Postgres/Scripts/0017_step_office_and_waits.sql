-- The office (unit path) that does a dossier's current step (issue 16): an office of the handling unit, another agency a
-- transfer went to, or the handling unit itself. Its staff see the dossier and find it in their office's queue, which is
-- now read by that office rather than by the handling unit.
ALTER TABLE "Dossiers" ADD COLUMN "StepOfficePath" character varying(400) NULL;

UPDATE "Dossiers" SET "StepOfficePath" = COALESCE(
    "TransferUnitPath",
    (SELECT u."Path" FROM "ProcessDefinitions" p
        JOIN "Procedures" pr ON pr."Id" = p."ProcedureId"
        JOIN "ProcessSteps" s ON s."DefinitionId" = p."Id"
        JOIN "Units" u ON u."Id" = s."OfficeUnitId"
        WHERE pr."Code" = "Dossiers"."ProcedureCode" AND p."UnitId" = "Dossiers"."HandlingUnitId" AND s."Order" = "Dossiers"."CurrentStep"),
    "HandlingUnitPath")
WHERE "CurrentStep" IS NOT NULL;

DROP INDEX "IX_Dossiers_OfficeQueue";
CREATE INDEX "IX_Dossiers_OfficeQueue" ON "Dossiers" ("StepOfficePath" text_pattern_ops, "DueAt", "Code") WHERE "State" = 'Processing' AND "AssigneeId" IS NULL;

-- A wait to pay is told apart from a supplement (form 02 stays printable once the supplement arrived). Only the latest
-- payment is kept on a dossier, so an earlier payment's wait stays counted as a supplement.
ALTER TABLE "DossierSuspensions" ADD COLUMN "ForPayment" boolean NOT NULL DEFAULT FALSE;
UPDATE "DossierSuspensions" SET "ForPayment" = TRUE
WHERE "From" = (SELECT d."PaymentRequestedAt" FROM "Dossiers" d WHERE d."Id" = "DossierSuspensions"."DossierId");
