-- CreateTable
CREATE TABLE "ArticlePreview" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,
    "snapshot" JSONB,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticlePreview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArticlePreview_tokenHash_key" ON "ArticlePreview"("tokenHash");

-- CreateIndex
CREATE INDEX "ArticlePreview_articleId_idx" ON "ArticlePreview"("articleId");

-- CreateIndex
CREATE INDEX "ArticlePreview_expiresAt_idx" ON "ArticlePreview"("expiresAt");

-- AddForeignKey
ALTER TABLE "ArticlePreview" ADD CONSTRAINT "ArticlePreview_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticlePreview" ADD CONSTRAINT "ArticlePreview_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
