import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { Factory } from "../testing/factories";
import { loadAuthorsIndex } from "./directory";

const f = new Factory();
after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("the /authors index", () => {
  test("groups writers by the section most of their recent articles are in; bio-only writers are contributors", async () => {
    const [politics, sport] = [await f.section({ position: -2 }), await f.section({ position: -1 })];
    const pundit = await f.author({ name: `Aaa Pundit ${f.suffix}` });
    const runner = await f.author({ name: `Bbb Runner ${f.suffix}` });
    const guest = await f.author({ name: `Ccc Guest ${f.suffix}`, bio: "Writes now and then." });
    const silent = await f.author({ name: `Ddd Silent ${f.suffix}`, bio: "" });
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    // The pundit once wrote about sport, but mostly about politics; the runner the other way round.
    await f.article({ sectionId: politics.id, authorIds: [pundit.id], publishedAt: day(1) });
    await f.article({ sectionId: politics.id, authorIds: [pundit.id], publishedAt: day(2) });
    await f.article({ sectionId: sport.id, authorIds: [pundit.id, runner.id], publishedAt: day(3) });
    await f.article({ sectionId: sport.id, authorIds: [runner.id], publishedAt: day(4) });
    // Drafts count for nothing: the silent author has only a draft and no bio.
    await f.article({ sectionId: politics.id, authorIds: [silent.id], status: "DRAFT" });
    await f.article({ sectionId: politics.id, authorIds: [runner.id], status: "DRAFT" });
    await f.article({ sectionId: politics.id, authorIds: [runner.id], status: "DRAFT" });

    const desks = await loadAuthorsIndex();
    const deskOf = (name: string) => desks.find((d) => d.authors.some((a) => a.name === name))?.name;
    assert.equal(deskOf(pundit.name), politics.name);
    assert.equal(deskOf(runner.name), sport.name);
    assert.equal(deskOf(guest.name), "Contributors");
    assert.equal(deskOf(silent.name), undefined, "an author with nothing public and no bio is not listed");
    // Desks in section order; the contributors last.
    const order = desks.map((d) => d.name);
    assert.ok(order.indexOf(politics.name) < order.indexOf(sport.name));
    assert.equal(order.at(-1), "Contributors");
    const pundits = desks.find((d) => d.name === politics.name)!.authors.find((a) => a.name === pundit.name)!;
    assert.equal(pundits.url, `/authors/${pundit.slug}`);
  });
});
