-- Issue 21: the provincial reform index (Chỉ số CCHC): each year's criteria tree, the units' scores and their evidence.
CREATE TABLE "ParIndexFrameworks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ParIndexFrameworks" PRIMARY KEY AUTOINCREMENT,
    "ProvinceCode" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Subjects" TEXT NOT NULL,
    "Basis" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FinalisedAt" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_ParIndexFrameworks_ProvinceCode_Year" ON "ParIndexFrameworks" ("ProvinceCode", "Year");

CREATE TABLE "ParIndexCriteria" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ParIndexCriteria" PRIMARY KEY AUTOINCREMENT,
    "FrameworkId" INTEGER NOT NULL,
    "ParentId" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "MaxPoints" TEXT NOT NULL,
    "Scoring" TEXT NULL,
    "Measure" TEXT NULL,
    "Target" TEXT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_ParIndexCriteria_ParIndexFrameworks_FrameworkId" FOREIGN KEY ("FrameworkId") REFERENCES "ParIndexFrameworks" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ParIndexCriteria_ParIndexCriteria_ParentId" FOREIGN KEY ("ParentId") REFERENCES "ParIndexCriteria" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_ParIndexCriteria_FrameworkId_Code" ON "ParIndexCriteria" ("FrameworkId", "Code");
CREATE INDEX "IX_ParIndexCriteria_ParentId" ON "ParIndexCriteria" ("ParentId");

CREATE TABLE "ParIndexScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ParIndexScores" PRIMARY KEY AUTOINCREMENT,
    "FrameworkId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "CriterionId" INTEGER NOT NULL,
    "SelfPoints" TEXT NULL,
    "SelfExplanation" TEXT NULL,
    "SelfAssessedAt" TEXT NULL,
    "AppraisedPoints" TEXT NULL,
    "AppraisalComment" TEXT NULL,
    "AppraisedAt" TEXT NULL,
    "MeasuredPart" INTEGER NULL,
    "MeasuredWhole" INTEGER NULL,
    "FinalPoints" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ParIndexScores_ParIndexFrameworks_FrameworkId" FOREIGN KEY ("FrameworkId") REFERENCES "ParIndexFrameworks" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ParIndexScores_ParIndexCriteria_CriterionId" FOREIGN KEY ("CriterionId") REFERENCES "ParIndexCriteria" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ParIndexScores_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_ParIndexScores_UnitId_CriterionId" ON "ParIndexScores" ("UnitId", "CriterionId");
CREATE INDEX "IX_ParIndexScores_FrameworkId" ON "ParIndexScores" ("FrameworkId");
CREATE INDEX "IX_ParIndexScores_CriterionId" ON "ParIndexScores" ("CriterionId");

CREATE TABLE "ParIndexEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ParIndexEvidence" PRIMARY KEY,
    "ScoreId" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoragePath" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedById" TEXT NOT NULL,
    CONSTRAINT "FK_ParIndexEvidence_ParIndexScores_ScoreId" FOREIGN KEY ("ScoreId") REFERENCES "ParIndexScores" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ParIndexEvidence_ScoreId" ON "ParIndexEvidence" ("ScoreId");
