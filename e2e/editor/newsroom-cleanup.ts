import { rm } from "node:fs/promises";
import path from "node:path";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";

/**
 * Rows the newsroom UI made during a test are not known to the factory; they carry its suffix (headlines, names,
 * slugs) or were uploaded by its users. This records them with the factory, so its cleanup deletes them, and
 * deletes the uploaded files (the factory only deletes rows).
 */
export async function trackNewsroomRows(factory: Factory): Promise<void> {
  const s = factory.suffix;
  const [articles, authors, sections, tags, media] = await Promise.all([
    db().article.findMany({
      where: { OR: [{ headline: { contains: s } }, { slug: { contains: s } }] },
      select: { id: true },
    }),
    db().author.findMany({ where: { slug: { contains: s } }, select: { id: true } }),
    db().section.findMany({ where: { slug: { contains: s } }, select: { id: true } }),
    db().tag.findMany({ where: { OR: [{ slug: { contains: s } }, { name: { contains: s } }] }, select: { id: true } }),
    db().media.findMany({ where: { uploadedBy: { email: { contains: s } } }, select: { id: true, storageKey: true } }),
  ]);
  for (const a of articles) factory.track("articles", a.id);
  for (const a of authors) factory.track("authors", a.id);
  for (const x of sections) factory.track("sections", x.id);
  for (const t of tags) factory.track("tags", t.id);
  for (const m of media) factory.track("media", m.id);
  // The server under test writes under MEDIA_DIR; playwright.config.ts gives it .data/test-media unless set.
  const dir = path.resolve(process.env.MEDIA_DIR ?? ".data/test-media");
  for (const m of media) {
    await rm(path.join(dir, ...m.storageKey.split("/")), { force: true });
    // Responsive variants the pages made from it (lib/media/variants.ts).
    await rm(path.join(dir, "variants", ...m.storageKey.split("/")), { recursive: true, force: true });
  }
}

/**
 * The audit log is append-only for the app: a spec that signs in or publishes deletes the rows its users (or its
 * failed sign-ins, by email) left, so the test database does not grow.
 */
export async function deleteAuditRows(factory: Factory): Promise<void> {
  const users = await db().user.findMany({ where: { email: { contains: factory.suffix } }, select: { id: true } });
  await db().auditEvent.deleteMany({
    where: {
      OR: [
        { actorId: { in: users.map((u) => u.id) } },
        { detail: { path: ["email"], string_contains: factory.suffix } },
      ],
    },
  });
}
