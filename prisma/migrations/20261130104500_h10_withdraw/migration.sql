-- A contributor withdraws their own submission from review (issue 9, h10): the audit action that records it.
-- Additive only.

-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'article_withdraw';
