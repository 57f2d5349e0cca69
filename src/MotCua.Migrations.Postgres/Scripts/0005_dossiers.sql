-- Idempotency keys of intake requests (POST /api/v1/dossiers).
CREATE TABLE "IdempotencyRecords" (
    "ActorId" uuid NOT NULL,
    "Key" character varying(100) NOT NULL,
    "DossierId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY ("ActorId", "Key")
);

