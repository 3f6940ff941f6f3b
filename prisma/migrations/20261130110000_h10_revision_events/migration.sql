-- The revision history shows what happened to an article outside the editor's save (issue 9, h10): take-downs,
-- the scheduler's publications and correction or update notes. Additive only.

-- AlterEnum
ALTER TYPE "RevisionKind" ADD VALUE 'TAKE_DOWN';
ALTER TYPE "RevisionKind" ADD VALUE 'SCHEDULED_PUBLISH';
ALTER TYPE "RevisionKind" ADD VALUE 'NOTE';
