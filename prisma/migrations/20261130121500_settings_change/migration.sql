-- Admins change the publication's settings from /admin/settings (issue 9): the audit action that records it.
-- Additive only.

-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'settings_change';
