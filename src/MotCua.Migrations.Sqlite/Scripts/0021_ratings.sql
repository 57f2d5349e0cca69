-- Satisfaction ratings of finished dossiers (issue 18): one per dossier, its answers, and the counter tablets.
CREATE TABLE "Ratings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Ratings" PRIMARY KEY,
    "DossierId" TEXT NOT NULL,
    "DossierCode" TEXT NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "UnitPath" TEXT NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "ProcedureName" TEXT NOT NULL,
    "OfficerId" TEXT NULL,
    "OfficerName" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "CriteriaVersion" TEXT NOT NULL,
    "Overall" TEXT NOT NULL,
    "Points" INTEGER NOT NULL,
    "MaxPoints" INTEGER NOT NULL,
    "Comment" TEXT NULL,
    "FirstRatedAt" TEXT NOT NULL,
    "RatedAt" TEXT NOT NULL,
    "Changes" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "Flag" TEXT NULL
);
CREATE UNIQUE INDEX "IX_Ratings_DossierId" ON "Ratings" ("DossierId");
CREATE INDEX "IX_Ratings_UnitPath_RatedAt" ON "Ratings" ("UnitPath", "RatedAt");
CREATE INDEX "IX_Ratings_Source_RatedAt" ON "Ratings" ("Source", "RatedAt");

CREATE TABLE "RatingAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RatingAnswers" PRIMARY KEY AUTOINCREMENT,
    "Criterion" TEXT NOT NULL,
    "Option" TEXT NOT NULL,
    "Points" INTEGER NOT NULL,
    "RatingId" TEXT NOT NULL,
    CONSTRAINT "FK_RatingAnswers_Ratings_RatingId" FOREIGN KEY ("RatingId") REFERENCES "Ratings" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_RatingAnswers_RatingId" ON "RatingAnswers" ("RatingId");

CREATE TABLE "RatingDesks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RatingDesks" PRIMARY KEY AUTOINCREMENT,
    "UnitId" INTEGER NOT NULL,
    "UnitPath" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "PresentedDossierId" TEXT NULL,
    "PresentedById" TEXT NULL,
    "PresentedByName" TEXT NULL,
    "PresentedAt" TEXT NULL
);
CREATE UNIQUE INDEX "IX_RatingDesks_TokenHash" ON "RatingDesks" ("TokenHash");
