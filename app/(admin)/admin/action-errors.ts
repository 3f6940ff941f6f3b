import { DomainError } from "@/lib/errors";

/**
 * How newsroom server actions report failures: a DomainError becomes a message (and per-field messages) for the
 * form; anything else (including Next's redirect/notFound signals) is rethrown untouched.
 */
export function domainFailure(error: unknown): { message: string; fields?: Record<string, string> } {
  if (error instanceof DomainError) {
    if (error.status === 401)
      return {
        message: "Your session has ended. Sign in again in another tab, then retry here; nothing you typed is lost.",
      };
    return { message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  }
  throw error;
}

export const SIGNED_OUT = new DomainError(401, "Sign in to continue.");
