-- A unit may be carried on by several successors (a district split on 1/7/2025 between the province's departments and
-- several communes). "Units"."SuccessorId" stays the default successor; these rows override it for a domain or a procedure.
CREATE TABLE "UnitSuccessionRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UnitSuccessionRules" PRIMARY KEY AUTOINCREMENT,
    "PredecessorId" INTEGER NOT NULL,
    "SuccessorId" INTEGER NOT NULL,
    "DomainCode" TEXT NULL,
    "ProcedureCode" TEXT NULL,
    CONSTRAINT "FK_UnitSuccessionRules_Units_PredecessorId" FOREIGN KEY ("PredecessorId") REFERENCES "Units" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UnitSuccessionRules_Units_SuccessorId" FOREIGN KEY ("SuccessorId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_UnitSuccessionRules_PredecessorId_DomainCode_ProcedureCode" ON "UnitSuccessionRules" ("PredecessorId", "DomainCode", "ProcedureCode");
CREATE INDEX "IX_UnitSuccessionRules_SuccessorId" ON "UnitSuccessionRules" ("SuccessorId");
