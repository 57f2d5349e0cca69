-- Issue 21: the checklist of an inspection round (nội dung kiểm tra), whose items the findings record per unit.
CREATE TABLE "InspectionChecklistItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InspectionChecklistItems" PRIMARY KEY AUTOINCREMENT,
    "RoundId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_InspectionChecklistItems_InspectionRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "InspectionRounds" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_InspectionChecklistItems_RoundId_Position" ON "InspectionChecklistItems" ("RoundId", "Position");
