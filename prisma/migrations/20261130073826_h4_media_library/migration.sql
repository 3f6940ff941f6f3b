-- h4: the media library. Trigram search needs pg_trgm (shipped with PostgreSQL, also in embedded-postgres;
-- trusted since PostgreSQL 13, so the database owner may create it).
-- The focal point's range (both fractions or neither, each 0..1) is checked in lib/media/library.ts, not by a CHECK
-- constraint: the WASM schema engine of Prisma 6.19 crashes ("unreachable") diffing a database that has one.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "decorative" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "focalX" DOUBLE PRECISION,
ADD COLUMN     "focalY" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "Media_alt_idx" ON "Media" USING GIN ("alt" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Media_caption_idx" ON "Media" USING GIN ("caption" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Media_credit_idx" ON "Media" USING GIN ("credit" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Media_createdAt_idx" ON "Media"("createdAt");
