-- Issue 21: the sender rates the answer to a petition, and a later petition may raise an earlier one again (Decision 766 annex 5.3).
ALTER TABLE "Petitions" ADD COLUMN "SenderSatisfied" boolean;
ALTER TABLE "Petitions" ADD COLUMN "RatedAt" timestamp with time zone;
ALTER TABLE "Petitions" ADD COLUMN "EarlierPetitionId" uuid;
ALTER TABLE "Petitions" ADD COLUMN "RaisedAgainById" uuid;
CREATE INDEX "IX_Petitions_CitizenAccountId" ON "Petitions" ("CitizenAccountId") WHERE "CitizenAccountId" IS NOT NULL;
