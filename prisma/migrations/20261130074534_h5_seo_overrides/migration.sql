-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "seoDescription" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "seoImageId" INTEGER,
ADD COLUMN     "seoTitle" TEXT NOT NULL DEFAULT '';

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_seoImageId_fkey" FOREIGN KEY ("seoImageId") REFERENCES "Media"("id") ON DELETE SET NULL ON UPDATE CASCADE;
