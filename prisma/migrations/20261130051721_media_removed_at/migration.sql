-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "removedAt" TIMESTAMP(3);
