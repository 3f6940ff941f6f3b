-- Author and tag pages list an author's (a tag's) public articles newest first. ArticleAuthor and ArticleTag had no
-- date, so at a million articles "newest first for this author" read and sorted every one of their articles (1.4 s
-- for the busiest writer). Each link now carries "publicAt": the article's publishedAt while the article is public
-- (status PUBLISHED), NULL otherwise, and an index (authorId | tagId, publicAt DESC, articleId DESC) lets a page
-- read its twenty rows straight off the index. Author links also carry the article's section, so /authors can
-- decide every writer's desk (the section of most of their latest articles) from that index alone.
--
-- Triggers keep it in the transaction of every change, whoever writes (newsroom saves, the scheduler, take-downs,
-- the API, the seed, tests): a link takes the value from its article when it is written, and an article that
-- changes status, publishedAt or section rewrites its own links. Readers still check the article itself, so a stale
-- value could only hide an article, never show a draft.

-- First, so writes to "Article" wait for this migration (CREATE TRIGGER locks the table against writes until the
-- end of the transaction): no article changes between the backfill and the end of the migration unseen.
CREATE FUNCTION h13_article_public_at() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  at TIMESTAMP(3) := CASE WHEN NEW.status = 'PUBLISHED' THEN NEW."publishedAt" END;
BEGIN
  UPDATE "ArticleAuthor" SET "publicAt" = at, "sectionId" = NEW."sectionId"
    WHERE "articleId" = NEW.id AND ("publicAt" IS DISTINCT FROM at OR "sectionId" IS DISTINCT FROM NEW."sectionId");
  UPDATE "ArticleTag" SET "publicAt" = at WHERE "articleId" = NEW.id AND "publicAt" IS DISTINCT FROM at;
  RETURN NULL;
END $$;
CREATE TRIGGER h13_article_public_at AFTER UPDATE OF status, "publishedAt", "sectionId" ON "Article"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt"
                     OR OLD."sectionId" IS DISTINCT FROM NEW."sectionId")
  EXECUTE FUNCTION h13_article_public_at();

-- DropIndex
DROP INDEX "ArticleAuthor_authorId_idx";

-- DropIndex: the related-articles query walked a tag's articles in id order; it now walks them by date on the index
-- below, which also serves every lookup by tag.
DROP INDEX "ArticleTag_tagId_articleId_idx";

-- AlterTable
ALTER TABLE "ArticleAuthor" ADD COLUMN     "publicAt" TIMESTAMP(3),
ADD COLUMN     "sectionId" INTEGER;

-- AlterTable
ALTER TABLE "ArticleTag" ADD COLUMN     "publicAt" TIMESTAMP(3);

-- Backfill, before the indexes exist (one bulk build each instead of millions of insertions). The search trigger on
-- updated author links would recompute every article's author names for nothing (names do not change here), so it
-- is off for this statement only.
ALTER TABLE "ArticleAuthor" DISABLE TRIGGER h7_article_author_upd;
UPDATE "ArticleAuthor" x SET "publicAt" = CASE WHEN a.status = 'PUBLISHED' THEN a."publishedAt" END,
                             "sectionId" = a."sectionId"
  FROM "Article" a WHERE a.id = x."articleId";
ALTER TABLE "ArticleAuthor" ENABLE TRIGGER h7_article_author_upd;
UPDATE "ArticleTag" x SET "publicAt" = a."publishedAt"
  FROM "Article" a WHERE a.id = x."articleId" AND a.status = 'PUBLISHED' AND a."publishedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "ArticleAuthor_authorId_publicAt_articleId_sectionId_idx" ON "ArticleAuthor"("authorId", "publicAt" DESC, "articleId" DESC, "sectionId");

-- CreateIndex
CREATE INDEX "ArticleTag_tagId_publicAt_articleId_idx" ON "ArticleTag"("tagId", "publicAt" DESC, "articleId" DESC);

-- A link written or moved to another article takes that article's value. Any update recomputes it, so nothing can
-- set it by hand to something else.
CREATE FUNCTION h13_author_link_public_at() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  SELECT CASE WHEN a.status = 'PUBLISHED' THEN a."publishedAt" END, a."sectionId"
    INTO NEW."publicAt", NEW."sectionId" FROM "Article" a WHERE a.id = NEW."articleId";
  RETURN NEW;
END $$;
CREATE FUNCTION h13_tag_link_public_at() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW."publicAt" := (SELECT a."publishedAt" FROM "Article" a WHERE a.id = NEW."articleId" AND a.status = 'PUBLISHED');
  RETURN NEW;
END $$;
CREATE TRIGGER h13_article_author_public_at BEFORE INSERT OR UPDATE ON "ArticleAuthor"
  FOR EACH ROW EXECUTE FUNCTION h13_author_link_public_at();
CREATE TRIGGER h13_article_tag_public_at BEFORE INSERT OR UPDATE ON "ArticleTag"
  FOR EACH ROW EXECUTE FUNCTION h13_tag_link_public_at();

-- The planner learns the new columns at once (the indexes are of no use to it until then). VACUUM, which would
-- also let the author and tag pages read the indexes alone, cannot run inside a migration: autovacuum follows.
ANALYZE "ArticleAuthor";
ANALYZE "ArticleTag";
