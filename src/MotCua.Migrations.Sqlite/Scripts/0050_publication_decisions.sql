-- Issue 21: decisions announcing procedures (quyết định công bố danh mục TTHC), for Decision 766 annex 1.1 and 1.2.
CREATE TABLE "PublicationDecisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublicationDecisions" PRIMARY KEY AUTOINCREMENT,
    "Number" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "SignedOn" TEXT NOT NULL,
    "EffectiveOn" TEXT NOT NULL,
    "PublicisedOn" TEXT NULL,
    "RecordedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_PublicationDecisions_Number" ON "PublicationDecisions" ("Number");
CREATE INDEX "IX_PublicationDecisions_SignedOn" ON "PublicationDecisions" ("SignedOn");

CREATE TABLE "PublicationDecisionProcedures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublicationDecisionProcedures" PRIMARY KEY AUTOINCREMENT,
    "DecisionId" INTEGER NOT NULL,
    "ProcedureId" INTEGER NOT NULL,
    CONSTRAINT "FK_PublicationDecisionProcedures_PublicationDecisions_DecisionId" FOREIGN KEY ("DecisionId") REFERENCES "PublicationDecisions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PublicationDecisionProcedures_Procedures_ProcedureId" FOREIGN KEY ("ProcedureId") REFERENCES "Procedures" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_PublicationDecisionProcedures_DecisionId_ProcedureId" ON "PublicationDecisionProcedures" ("DecisionId", "ProcedureId");
CREATE INDEX "IX_PublicationDecisionProcedures_ProcedureId" ON "PublicationDecisionProcedures" ("ProcedureId");
