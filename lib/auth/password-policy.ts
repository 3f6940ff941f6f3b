import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * What a newsroom password must be (OWASP ASVS 4.0 level 2, V2.1): at least 12 characters and up to 128, any
 * characters at all (spaces and emoji included, nothing trimmed, no composition rules), and not a password
 * attackers try first. "First" means the ~49,000 most common passwords of zxcvbn-ts's maintained list, compared
 * without case, plus all-whitespace and one character repeated, which no list needs to spell out.
 * Only new passwords are checked: verification (passwords.ts) keeps accepting what was set before.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_NEW_PASSWORD_LENGTH = 128;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())));

/** How many passwords the bundled list refuses (for the docs and a test that the list is really there). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** The reason `password` cannot be used, in a sentence for the person choosing it, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  // Characters as a person counts them: an emoji is one, not two UTF-16 units.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_NEW_PASSWORD_LENGTH) return `Passwords are at most ${MAX_NEW_PASSWORD_LENGTH} characters.`;
  if (/^\s+$/u.test(password)) return "A password cannot be only spaces.";
  if (new Set(password).size === 1) return "A password cannot be one character repeated.";
  if (commonPasswords().has(password.toLowerCase())) {
    return "That is one of the most common passwords, which attackers try first. Choose another: a few unrelated words make a good one.";
  }
  return null;
}
