import { DomainError } from "../errors";

/**
 * Text that PostgreSQL or XML cannot store: NUL (PostgreSQL's text type refuses it: `invalid byte sequence for
 * encoding "UTF8": 0x00`) and lone UTF-16 surrogates (JSON's `"\ud800"` decodes to one; it has no UTF-8 form, so
 * the driver would write U+FFFD or fail). Refused at the API and form boundary with the name of the field, or
 * stripped from search queries, where a person gains nothing from an error.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

/** JSON bodies nest far less than this; a deeper one is refused before any recursive code (zod, Prisma) sees it. */
export const MAX_DEPTH = 64;

export function hasUnsafeText(value: string): boolean {
  return UNSAFE.test(value);
}

/** The text without NUL and lone surrogates (for search boxes and query strings). */
export function stripUnsafeText(value: string): string {
  return value.replace(UNSAFE_ALL, "");
}

/**
 * 422 naming the first field (`headline`, `tags.2`, `body.doc.content.0…`) whose text, or whose key, holds a NUL
 * or a lone surrogate; 422 when the value nests deeper than MAX_DEPTH. Walks without recursion.
 */
export function assertStorableText(value: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      if (hasUnsafeText(v)) throw unsafe(path);
      continue;
    }
    if (!v || typeof v !== "object") continue;
    if (depth >= MAX_DEPTH) {
      throw new DomainError(422, `The data nests too deeply (more than ${MAX_DEPTH} levels).`, {
        [path || "_"]: `Nested more than ${MAX_DEPTH} levels deep.`,
      });
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
    for (const [key, item] of entries) {
      const at = path ? `${path}.${key}` : key;
      if (hasUnsafeText(key)) throw unsafe(at);
      stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
}

function unsafe(path: string): DomainError {
  const field = path || "_";
  return new DomainError(422, "Some fields need attention.", {
    [field]:
      "Contains a character that cannot be stored (a NUL byte or half of a UTF-16 surrogate pair). Remove it and try again.",
  });
}
