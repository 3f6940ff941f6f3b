-- DropIndex
DROP INDEX "ArticleTag_tagId_idx";

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "ArticleTag_tagId_articleId_idx" ON "ArticleTag"("tagId", "articleId");
