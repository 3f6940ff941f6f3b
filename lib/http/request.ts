import { MAX_JSON_DEPTH, jsonDepth } from "../documents/depth";
import { DomainError } from "../errors";
import { assertStorableText } from "../text/hygiene";

/**
 * Reading request bodies with a hard size limit. The declared Content-Length is checked before anything is read,
 * and the stream is counted as it arrives (a client can lie or send chunked), so an oversized body is refused
 * with 413 without being buffered.
 */

export const MAX_JSON_BYTES = 2 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new DomainError(413, `The request body is too large (the limit is ${formatBytes(limit)}).`);

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** 413 when the declared length is over the limit. */
export function assertContentLength(request: Request, limit: number): void {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
}

export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  assertContentLength(request, limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The JSON body as `unknown` (lib/ validates it). 400 for a body that is not a JSON object. */
export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError(400, "Send the body as JSON (Content-Type: application/json).");
  }
  const bytes = await readBodyLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError(400, "The body is not valid UTF-8.");
  }
  if (!text.trim()) throw new DomainError(400, "The request has no body; send a JSON object.");
  // Before JSON.parse: what comes after it (validation, documents) recurses, and a deep enough body overflows it.
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new DomainError(422, `The JSON body nests more than ${MAX_JSON_DEPTH} levels deep.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DomainError(400, `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new DomainError(400, "The body must be a JSON object.");
  // NUL and lone surrogates are valid JSON but cannot be stored: refuse them here, naming the field.
  assertStorableText(value);
  return value;
}

/** A multipart/form-data body, size-limited like `readJson`. 400 when it is not multipart. */
export async function readMultipart(request: Request, limit: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type)) throw new DomainError(400, "Send the file as multipart/form-data.");
  const bytes = await readBodyLimited(request, limit);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw new DomainError(400, "The multipart body could not be read.");
  }
  assertStorableText(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  return form;
}

/** Route ids are positive integers; anything else is a 404 (there is no such article), not a 400. */
export function parseId(raw: string | undefined, what: string): number {
  if (!raw || !/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2_147_483_647)
    throw new DomainError(404, `${what} was not found.`);
  return Number(raw);
}
