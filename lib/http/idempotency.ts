import { createHash } from "node:crypto";
import { hashToken } from "../auth/tokens";
import { db } from "../db";
import { DomainError } from "../errors";
import { readBodyLimited } from "./request";

/**
 * `Idempotency-Key` for the admin API's POSTs (IETF draft-ietf-httpapi-idempotency-key-header): a client that did
 * not get an answer (a timeout, a restart, a dropped connection) sends the same request again with the same key and
 * gets the first answer back instead of a second article or image.
 *
 * - Keys are stored in PostgreSQL (IdempotencyKey), scoped to the API token, and forgotten after 24 hours.
 * - The same key with a different method, path or body is refused with 422; while the first request still runs, a
 *   retry gets 409 and should wait a moment.
 * - Only successful (2xx) answers are kept. A request that failed changed nothing (every write is one
 *   transaction), so a retry with the same key simply runs again.
 * - A claim whose process died before it answered is taken over after LOCK_TIMEOUT_MS. The write and the stored
 *   answer are separate transactions, so a crash in the millisecond between them can still let a retry write
 *   twice; an orderly stop (SIGTERM) drains requests first and cannot.
 */

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const LOCK_TIMEOUT_MS = 2 * 60 * 1000;
const MAX_KEY_LENGTH = 255;
const CLEANUP_EVERY_MS = 10 * 60 * 1000;
let lastCleanup = 0;

/** The header's value: a Structured Field string (`"abc"`) or, as most clients send it, the bare token. */
function keyOf(request: Request): string | null {
  const raw = request.headers.get("idempotency-key");
  if (raw === null) return null;
  const key = raw.trim().replace(/^"(.*)"$/, "$1");
  if (!key || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new DomainError(
      400,
      `The Idempotency-Key header must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters (a UUID is a good choice).`,
    );
  }
  return key;
}

/** Removes every occurrence of `needle` from `bytes`. */
function without(bytes: Uint8Array, needle: Buffer): Buffer {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (needle.length === 0) return haystack;
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle, from); at !== -1; at = haystack.indexOf(needle, from)) {
    parts.push(haystack.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(haystack.subarray(from));
  return Buffer.concat(parts);
}

/**
 * What makes two requests "the same": method, path and body. A multipart body's boundary is chosen at random by
 * each send (curl, browsers), so it is left out, or a retried upload would never match.
 */
function fingerprintOf(request: Request, body: Uint8Array): string {
  const hash = createHash("sha256").update(`${request.method} ${new URL(request.url).pathname}\n`);
  const boundary = /;\s*boundary="?([^";]+)"?/i.exec(request.headers.get("content-type") ?? "")?.[1];
  hash.update(boundary ? without(body, Buffer.from(boundary)) : body);
  return hash.digest("hex");
}

function replay(row: { status: number; body: string | null; location: string | null }): Response {
  const headers = new Headers({
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Idempotent-Replayed": "true",
  });
  if (row.location) headers.set("Location", row.location);
  return new Response(row.body, { status: row.status, headers });
}

type Claim = { id: number } | { answer: Response };

async function claim(tokenId: number, key: string, fingerprint: string): Promise<Claim> {
  const now = new Date();
  if (now.getTime() - lastCleanup > CLEANUP_EVERY_MS) {
    lastCleanup = now.getTime();
    await db().idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
  }
  // Two attempts: the second follows the removal of an expired row with the same key.
  for (let attempt = 0; attempt < 2; attempt++) {
    // ON CONFLICT DO NOTHING: of two concurrent first requests, exactly one inserts.
    const inserted = await db().idempotencyKey.createMany({
      data: { tokenId, key, fingerprint, lockedAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
      skipDuplicates: true,
    });
    const row = await db().idempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (!row) continue; // released by its request in between: try again
    if (inserted.count === 1) return { id: row.id };
    if (row.expiresAt <= now) {
      await db().idempotencyKey.deleteMany({ where: { id: row.id, expiresAt: { lte: now } } });
      continue;
    }
    if (row.fingerprint !== fingerprint) {
      throw new DomainError(
        422,
        "This Idempotency-Key was already used for a different request (another method, path or body). Use a new key for a new request.",
      );
    }
    if (row.status !== null) return { answer: replay({ status: row.status, body: row.body, location: row.location }) };
    if (row.lockedAt && now.getTime() - row.lockedAt.getTime() > LOCK_TIMEOUT_MS) {
      // The first request's process died before it answered: this retry takes its place.
      const taken = await db().idempotencyKey.updateMany({
        where: { id: row.id, status: null, lockedAt: row.lockedAt },
        data: { lockedAt: now },
      });
      if (taken.count === 1) return { id: row.id };
    }
    throw new DomainError(
      409,
      "A request with this Idempotency-Key is still being processed. Retry in a few seconds to get its answer.",
    );
  }
  throw new DomainError(
    409,
    "A request with this Idempotency-Key is still being processed. Retry in a few seconds to get its answer.",
  );
}

/**
 * Runs a POST handler under the request's `Idempotency-Key`, if it sent one (without one, `run` simply runs). The
 * body is read here, within `limit`, and handed to `run` as a fresh Request. Call after authentication.
 */
export async function idempotent(
  request: Request,
  limit: number,
  run: (request: Request) => Promise<Response>,
): Promise<Response> {
  const key = keyOf(request);
  const authorization = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (key === null || !authorization) return run(request);
  const token = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(authorization) },
    select: { id: true },
  });
  if (!token) return run(request);

  const body = await readBodyLimited(request, limit);
  const claimed = await claim(token.id, key, fingerprintOf(request, body));
  if ("answer" in claimed) return claimed.answer;

  let response: Response | undefined;
  try {
    response = await run(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: body.byteLength ? body : undefined,
      }),
    );
    return response;
  } finally {
    if (response && response.status >= 200 && response.status < 300) {
      await db().idempotencyKey.update({
        where: { id: claimed.id },
        data: {
          status: response.status,
          body: await response.clone().text(),
          location: response.headers.get("location"),
          lockedAt: null,
        },
      });
    } else {
      await db().idempotencyKey.deleteMany({ where: { id: claimed.id, status: null } });
    }
  }
}
