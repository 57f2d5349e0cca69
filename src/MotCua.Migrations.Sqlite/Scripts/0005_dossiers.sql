-- Idempotency keys of intake requests (POST /api/v1/dossiers).
CREATE TABLE "IdempotencyRecords" (
    "ActorId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "DossierId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY ("ActorId", "Key")
);

