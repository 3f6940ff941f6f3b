import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { disconnectDb } from "../db";
import { Factory } from "../testing/factories";
import { DESK_PAGE_SIZE, DESK_PREVIEW, loadAuthorsIndex } from "./directory";

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

    const desks = (await loadAuthorsIndex())!.desks;
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

  test("a desk shows its first writers by name and links to the whole desk, which pages", async () => {
    const desk = await f.section({ position: -3 });
    const names: string[] = [];
    for (let i = 0; i < DESK_PAGE_SIZE + DESK_PREVIEW; i++) {
      const writer = await f.author({ name: `Writer ${String(i).padStart(3, "0")} ${f.suffix}`, bio: "" });
      names.push(writer.name);
      await f.article({ sectionId: desk.id, authorIds: [writer.id] });
    }
    const index = (await loadAuthorsIndex())!;
    const shown = index.desks.find((d) => d.name === desk.name)!;
    assert.deepEqual(
      shown.authors.map((a) => a.name),
      names.slice(0, DESK_PREVIEW),
    );
    assert.equal(shown.total, names.length);
    assert.equal(shown.deskUrl, `/authors?desk=${desk.slug}`);

    const one = (await loadAuthorsIndex({ desk: desk.slug, page: 1 }))!;
    assert.deepEqual(one.desk, { key: desk.slug, page: 1, pageCount: 2 });
    assert.deepEqual(
      one.desks.map((d) => d.name),
      [desk.name],
      "only that desk",
    );
    assert.deepEqual(
      one.desks[0]!.authors.map((a) => a.name),
      names.slice(0, DESK_PAGE_SIZE),
    );
    const two = (await loadAuthorsIndex({ desk: desk.slug, page: 2 }))!;
    assert.deepEqual(
      two.desks[0]!.authors.map((a) => a.name),
      names.slice(DESK_PAGE_SIZE),
    );
    assert.equal(await loadAuthorsIndex({ desk: desk.slug, page: 3 }), null, "past the last page");
    assert.equal(await loadAuthorsIndex({ desk: `no-such-desk-${f.suffix}`, page: 1 }), null);
  });
});
