-- Fees and payments (issue 19): charges from the fee schedule, every payment, refunds, e-receipts numbered per series and
-- year, online payment orders of the gateway, and the daily reconciliation's reports.
CREATE TABLE "DossierCharges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DossierCharges" PRIMARY KEY,
    "DossierId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ScheduledAmount" INTEGER NOT NULL,
    "Reduction" INTEGER NOT NULL,
    "ReductionReason" TEXT NULL,
    "AddedAt" TEXT NOT NULL,
    "AddedBy" TEXT NOT NULL,
    "PaymentId" TEXT NULL
);
CREATE INDEX "IX_DossierCharges_DossierId" ON "DossierCharges" ("DossierId");

CREATE TABLE "Payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "UnitPath" TEXT NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "ProcedureName" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "PaidAt" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "Document" TEXT NULL,
    "GatewayOrderId" TEXT NULL,
    "Refunded" INTEGER NOT NULL
);
CREATE INDEX "IX_Payments_DossierId" ON "Payments" ("DossierId");
CREATE INDEX "IX_Payments_UnitPath_PaidAt" ON "Payments" ("UnitPath", "PaidAt");
CREATE UNIQUE INDEX "IX_Payments_GatewayOrderId" ON "Payments" ("GatewayOrderId");

CREATE TABLE "Refunds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Refunds" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "By" TEXT NOT NULL,
    "GatewayTransaction" TEXT NULL
);
CREATE INDEX "IX_Refunds_PaymentId" ON "Refunds" ("PaymentId");

CREATE TABLE "EReceipts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EReceipts" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "UnitPath" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "Series" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "Payer" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    "Signature" TEXT NULL,
    "SignedBy" TEXT NULL,
    "Status" TEXT NOT NULL,
    "StatusReason" TEXT NULL,
    "StatusAt" TEXT NULL,
    "ReplacesId" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_EReceipts_UnitId_Series_Year_Number" ON "EReceipts" ("UnitId", "Series", "Year", "Number");
CREATE INDEX "IX_EReceipts_UnitPath_IssuedAt" ON "EReceipts" ("UnitPath", "IssuedAt");
CREATE INDEX "IX_EReceipts_PaymentId" ON "EReceipts" ("PaymentId");

CREATE TABLE "ReceiptCounters" (
    "UnitId" INTEGER NOT NULL,
    "Series" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "LastValue" INTEGER NOT NULL,
    CONSTRAINT "PK_ReceiptCounters" PRIMARY KEY ("UnitId", "Series", "Year")
);

CREATE TABLE "GatewayOrders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_GatewayOrders" PRIMARY KEY,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Charges" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "GatewayTransaction" TEXT NULL,
    "ResponseCode" TEXT NULL,
    "SettledAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE INDEX "IX_GatewayOrders_DossierId" ON "GatewayOrders" ("DossierId");
CREATE INDEX "IX_GatewayOrders_CreatedAt" ON "GatewayOrders" ("CreatedAt");

CREATE TABLE "ReconciliationRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ReconciliationRuns" PRIMARY KEY,
    "Day" TEXT NOT NULL,
    "RanAt" TEXT NOT NULL,
    "Checked" INTEGER NOT NULL,
    "Mismatches" INTEGER NOT NULL,
    "Report" TEXT NOT NULL
);
CREATE INDEX "IX_ReconciliationRuns_Day" ON "ReconciliationRuns" ("Day");
