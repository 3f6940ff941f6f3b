-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('sign_in', 'sign_in_failed', 'sign_out', 'article_publish', 'article_schedule', 'article_unpublish', 'article_take_down', 'article_publish_scheduled', 'role_change', 'password_change', 'password_reset', 'token_create', 'token_revoke', 'user_create');

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" "AuditAction" NOT NULL,
    "subjectType" TEXT,
    "subjectId" INTEGER,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at" DESC);
