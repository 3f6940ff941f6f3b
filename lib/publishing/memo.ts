import { dependsOn } from "./dependencies";

/**
 * Data that every render reads and that changes a few times a year (publication settings, the section
 * navigation), remembered in process memory under one cache tag and forgotten when revalidate.ts purges that tag.
 * Without it each page render would pay a query for each. One value per tag, so it cannot grow; the time limit only
 * covers changes made by another process (the command line), which cannot reach this memory.
 */
type Slot = { value: Promise<unknown>; at: number };

const registry = globalThis as unknown as { broadsheetMemo?: Map<string, Slot> };
const slots = (registry.broadsheetMemo ??= new Map<string, Slot>());

const TTL_MS = 60_000;

export function memoizedByTag<T>(tag: string, load: () => Promise<T>): () => Promise<T> {
  return () => {
    dependsOn(tag);
    const slot = slots.get(tag);
    if (slot && Date.now() - slot.at < TTL_MS) return slot.value as Promise<T>;
    const value = load();
    slots.set(tag, { value, at: Date.now() });
    // A failed load must not be remembered.
    value.catch(() => {
      if (slots.get(tag)?.value === value) slots.delete(tag);
    });
    return value;
  };
}

/** Forgets the memos of these tags (called by revalidate.ts with every tag it purges). */
export function forgetMemos(tags: Iterable<string>): void {
  for (const tag of tags) slots.delete(tag);
}
