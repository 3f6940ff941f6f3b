import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPgMigrate } from "./prisma/migrate-adapter";

// Prisma 6.19 with engine "js": migrations run in the WASM schema engine bundled with the CLI, through a JS
// driver adapter, so nothing is downloaded (see docs/architecture.md, "Database").
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database).");
    return new PrismaPgMigrate(url);
  },
});
