-- The last authenticator step each account used, so that a code is accepted once (RFC 6238 §5.2).
CREATE TABLE "TotpUses" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_TotpUses" PRIMARY KEY,
    "LastStep" INTEGER NOT NULL
);
-- When the session's user last proved who they are (sign-in or re-authentication), and where the session came from.
ALTER TABLE "UserSessions" ADD COLUMN "AuthenticatedAt" TEXT NOT NULL DEFAULT '0001-01-01 00:00:00';
UPDATE "UserSessions" SET "AuthenticatedAt" = "CreatedAt";
ALTER TABLE "UserSessions" ADD COLUMN "IpAddress" TEXT NULL;
ALTER TABLE "UserSessions" ADD COLUMN "UserAgent" TEXT NULL;
