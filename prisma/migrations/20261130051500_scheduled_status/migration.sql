-- Scheduled publication: an article whose publication time is in the future waits in SCHEDULED until the
-- scheduler (lib/articles/scheduler.ts) publishes it. The (status, publishedAt) index finds the due ones.
ALTER TYPE "ArticleStatus" ADD VALUE 'SCHEDULED' BEFORE 'PUBLISHED';
