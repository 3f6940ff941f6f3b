import { DomainError } from "../errors";

/**
 * Optimistic concurrency over HTTP (RFC 9110 §13.1.1): a resource's version is its entity tag, `"<version>"`, sent
 * as `ETag` on reads; a write names the version it started from in `If-Match` (or, for clients that cannot set
 * headers, a `version` field in the JSON body). lib/ compares it with the stored version under a row lock.
 */

export const etag = (version: number) => `"${version}"`;

const INVALID = 'If-Match must be the ETag of the version you started from, e.g. If-Match: "3".';

/** RFC 6585 §3: a write that names no version could overwrite someone else's without either of them knowing. */
const REQUIRED =
  'Send the version you started from: If-Match with the ETag of your GET (e.g. If-Match: "3"), or a "version" field. ' +
  "To overwrite whatever is there, knowingly, send If-Match: *.";

/**
 * The version a write was based on, and the JSON body without its `version` field. `undefined` for `If-Match: *`:
 * the client asked for an unconditional write (docs/api.md). 428 when it sent neither header nor field, 400 when
 * the header is malformed or disagrees with the body's field.
 */
export function expectedVersion(request: Request, body: unknown): { version: number | undefined; body: unknown } {
  let fromBody: number | undefined;
  let rest = body;
  if (body && typeof body === "object" && !Array.isArray(body) && "version" in body) {
    const { version, ...others } = body as Record<string, unknown>;
    if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) {
      const message = "version must be the article's version number (a positive whole number), as read.";
      throw new DomainError(422, message, { version: message });
    }
    fromBody = version;
    rest = others;
  }
  const header = request.headers.get("if-match")?.trim();
  if (header === undefined || header === "") {
    if (fromBody === undefined) throw new DomainError(428, REQUIRED);
    return { version: fromBody, body: rest };
  }
  if (header === "*") return { version: fromBody, body: rest };
  const match = /^(?:W\/)?"(\d{1,10})"$/.exec(header);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 2_147_483_647) throw new DomainError(400, INVALID);
  const fromHeader = Number(match[1]);
  if (fromBody !== undefined && fromBody !== fromHeader) {
    throw new DomainError(400, `If-Match (${header}) and the body's version (${fromBody}) disagree; send one.`);
  }
  return { version: fromHeader, body: rest };
}
