-- Roles and the review workflow (issue 9, h1): Ghost's four staff roles, the IN_REVIEW status with its note,
-- a role on API tokens, and the audit actions for disabling users and for submitting/returning articles.
-- Additive only: existing rows keep their values (tokens with no role act with their user's role).

-- AlterEnum
ALTER TYPE "ArticleStatus" ADD VALUE 'IN_REVIEW' BEFORE 'SCHEDULED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'user_disable';
ALTER TYPE "AuditAction" ADD VALUE 'user_enable';
ALTER TYPE "AuditAction" ADD VALUE 'article_submit';
ALTER TYPE "AuditAction" ADD VALUE 'article_return';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'AUTHOR';
ALTER TYPE "Role" ADD VALUE 'CONTRIBUTOR';

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "role" "Role";

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "reviewNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reviewNoteAt" TIMESTAMP(3),
ADD COLUMN     "reviewNoteById" INTEGER;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_reviewNoteById_fkey" FOREIGN KEY ("reviewNoteById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
