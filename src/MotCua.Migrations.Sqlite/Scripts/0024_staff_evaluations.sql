-- Issue 21: officers' monthly and yearly grades, and each province's cap on "excellent" grades.
CREATE TABLE "StaffEvaluations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StaffEvaluations" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Month" INTEGER NOT NULL,
    "Grade" TEXT NOT NULL,
    "Comment" TEXT NULL,
    "EvaluatedById" TEXT NOT NULL,
    "EvaluatedAt" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_StaffEvaluations_UserId_Year_Month" ON "StaffEvaluations" ("UserId", "Year", "Month");
CREATE INDEX "IX_StaffEvaluations_UnitId_Year_Month" ON "StaffEvaluations" ("UnitId", "Year", "Month");

CREATE TABLE "ExcellentShareRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExcellentShareRules" PRIMARY KEY AUTOINCREMENT,
    "ProvinceCode" TEXT NOT NULL,
    "ValidFrom" TEXT NOT NULL,
    "MaxPercentOfGoodOrAbove" INTEGER NOT NULL,
    "Basis" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_ExcellentShareRules_ProvinceCode_ValidFrom" ON "ExcellentShareRules" ("ProvinceCode", "ValidFrom");
