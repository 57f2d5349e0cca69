-- The last authenticator step each account used, so that a code is accepted once (RFC 6238 §5.2).
CREATE TABLE "TotpUses" (
    "UserId" uuid NOT NULL,
    "LastStep" bigint NOT NULL,
    CONSTRAINT "PK_TotpUses" PRIMARY KEY ("UserId")
);
-- When the session's user last proved who they are (sign-in or re-authentication), and where the session came from.
ALTER TABLE "UserSessions" ADD COLUMN "AuthenticatedAt" timestamp with time zone NULL;
UPDATE "UserSessions" SET "AuthenticatedAt" = "CreatedAt";
ALTER TABLE "UserSessions" ALTER COLUMN "AuthenticatedAt" SET NOT NULL;
ALTER TABLE "UserSessions" ADD COLUMN "IpAddress" character varying(64) NULL;
ALTER TABLE "UserSessions" ADD COLUMN "UserAgent" character varying(300) NULL;
