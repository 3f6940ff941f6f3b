/**
 * The one error type domain code throws for things a person did wrong or may not do. Route handlers turn it into
 * `{ error, fields? }` JSON with its status; server actions turn `fields` into messages beside form fields.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 428 | 429;

export class DomainError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    /** Per-field messages, keyed by the input's field name (e.g. `headline`, `authors`, `heroImage.mediaId`). */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
  }

  toJSON(): { error: string; fields?: Record<string, string> } {
    return this.fields ? { error: this.message, fields: this.fields } : { error: this.message };
  }
}

export const notFound = (what: string) => new DomainError(404, `${what} was not found.`);

/** Converts a zod error into a 422 whose fields name the offending inputs in words a person understands. */
export function validationError(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  message = "Some fields need attention.",
): DomainError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return new DomainError(422, message, fields);
}
