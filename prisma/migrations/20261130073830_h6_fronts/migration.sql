-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'front_pin';
ALTER TYPE "AuditAction" ADD VALUE 'front_unpin';

-- CreateTable
CREATE TABLE "FrontPin" (
    "id" SERIAL NOT NULL,
    "sectionId" INTEGER,
    "slot" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,

    CONSTRAINT "FrontPin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleViewCount" (
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "articleId" INTEGER NOT NULL,
    "views" INTEGER NOT NULL,

    CONSTRAINT "ArticleViewCount_pkey" PRIMARY KEY ("hour","articleId")
);

-- CreateIndex
CREATE INDEX "FrontPin_articleId_idx" ON "FrontPin"("articleId");

-- CreateIndex
CREATE INDEX "ArticleViewCount_articleId_idx" ON "ArticleViewCount"("articleId");

-- AddForeignKey
ALTER TABLE "FrontPin" ADD CONSTRAINT "FrontPin_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrontPin" ADD CONSTRAINT "FrontPin_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleViewCount" ADD CONSTRAINT "ArticleViewCount_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express these). One article per slot and one slot per article on each front. The home
-- front has sectionId NULL, which a plain unique index would treat as distinct, hence COALESCE.
CREATE UNIQUE INDEX "FrontPin_front_slot_key" ON "FrontPin"(COALESCE("sectionId", 0), "slot");
CREATE UNIQUE INDEX "FrontPin_front_article_key" ON "FrontPin"(COALESCE("sectionId", 0), "articleId");
-- Slots (home: lead 0 and featured 1-4, a section front: lead 0 only) and positive view counts are checked in
-- lib/fronts, not by CHECK constraints: Prisma 6.19's WASM migration engine crashes ("unreachable") in
-- `migrate diff` once a CHECK constraint exists, which would break `npm run db:migrate:create` for everyone.
