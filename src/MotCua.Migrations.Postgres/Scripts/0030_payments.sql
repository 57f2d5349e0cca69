-- Fees and payments (issue 19): charges from the fee schedule, every payment, refunds, e-receipts numbered per series and
-- year, online payment orders of the gateway, and the daily reconciliation's reports.
CREATE TABLE "DossierCharges" (
    "Id" uuid NOT NULL,
    "DossierId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "Name" character varying(1000) NOT NULL,
    "ScheduledAmount" bigint NOT NULL,
    "Reduction" bigint NOT NULL,
    "ReductionReason" character varying(500),
    "AddedAt" timestamp with time zone NOT NULL,
    "AddedBy" character varying(200) NOT NULL,
    "PaymentId" uuid,
    CONSTRAINT "PK_DossierCharges" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_DossierCharges_DossierId" ON "DossierCharges" ("DossierId");

CREATE TABLE "Payments" (
    "Id" uuid NOT NULL,
    "DossierId" uuid NOT NULL,
    "DossierCode" character varying(60) NOT NULL,
    "UnitId" integer NOT NULL,
    "UnitPath" character varying(400) NOT NULL,
    "ProcedureCode" character varying(60) NOT NULL,
    "ProcedureName" character varying(500) NOT NULL,
    "Method" character varying(20) NOT NULL,
    "Amount" bigint NOT NULL,
    "PaidAt" timestamp with time zone NOT NULL,
    "RecordedBy" character varying(200) NOT NULL,
    "Document" character varying(60),
    "GatewayOrderId" character varying(40),
    "Refunded" bigint NOT NULL,
    CONSTRAINT "PK_Payments" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_Payments_DossierId" ON "Payments" ("DossierId");
CREATE INDEX "IX_Payments_UnitPath_PaidAt" ON "Payments" ("UnitPath", "PaidAt");
CREATE UNIQUE INDEX "IX_Payments_GatewayOrderId" ON "Payments" ("GatewayOrderId");

CREATE TABLE "Refunds" (
    "Id" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "Amount" bigint NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "By" character varying(200) NOT NULL,
    "GatewayTransaction" character varying(40),
    CONSTRAINT "PK_Refunds" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_Refunds_PaymentId" ON "Refunds" ("PaymentId");

CREATE TABLE "EReceipts" (
    "Id" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "DossierId" uuid NOT NULL,
    "DossierCode" character varying(60) NOT NULL,
    "UnitId" integer NOT NULL,
    "UnitPath" character varying(400) NOT NULL,
    "Template" character varying(20) NOT NULL,
    "Series" character varying(20) NOT NULL,
    "Year" integer NOT NULL,
    "Number" integer NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "Payer" character varying(200) NOT NULL,
    "Amount" bigint NOT NULL,
    "Data" text NOT NULL,
    "Signature" text,
    "SignedBy" character varying(400),
    "Status" character varying(12) NOT NULL,
    "StatusReason" character varying(500),
    "StatusAt" timestamp with time zone,
    "ReplacesId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_EReceipts" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_EReceipts_UnitId_Series_Year_Number" ON "EReceipts" ("UnitId", "Series", "Year", "Number");
CREATE INDEX "IX_EReceipts_UnitPath_IssuedAt" ON "EReceipts" ("UnitPath", "IssuedAt");
CREATE INDEX "IX_EReceipts_PaymentId" ON "EReceipts" ("PaymentId");

CREATE TABLE "ReceiptCounters" (
    "UnitId" integer NOT NULL,
    "Series" character varying(20) NOT NULL,
    "Year" integer NOT NULL,
    "LastValue" integer NOT NULL,
    CONSTRAINT "PK_ReceiptCounters" PRIMARY KEY ("UnitId", "Series", "Year")
);

CREATE TABLE "GatewayOrders" (
    "Id" character varying(40) NOT NULL,
    "DossierId" uuid NOT NULL,
    "DossierCode" character varying(60) NOT NULL,
    "Amount" bigint NOT NULL,
    "Charges" character varying(2000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Status" character varying(10) NOT NULL,
    "GatewayTransaction" character varying(40),
    "ResponseCode" character varying(4),
    "SettledAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_GatewayOrders" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_GatewayOrders_DossierId" ON "GatewayOrders" ("DossierId");
CREATE INDEX "IX_GatewayOrders_CreatedAt" ON "GatewayOrders" ("CreatedAt");

CREATE TABLE "ReconciliationRuns" (
    "Id" uuid NOT NULL,
    "Day" date NOT NULL,
    "RanAt" timestamp with time zone NOT NULL,
    "Checked" integer NOT NULL,
    "Mismatches" integer NOT NULL,
    "Report" text NOT NULL,
    CONSTRAINT "PK_ReconciliationRuns" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_ReconciliationRuns_Day" ON "ReconciliationRuns" ("Day");
