import { randomInt } from "node:crypto";
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

/**
 * Password hashing with Argon2id. Parameters follow the OWASP password storage cheat sheet's first Argon2id
 * configuration (19 MiB, 2 passes, 1 lane): about 30 ms a hash here, slow enough to make offline guessing
 * expensive and cheap enough for a sign-in form. They are written into every hash (PHC string), so raising them
 * later only affects new hashes; old ones still verify.
 */
// `Algorithm` is a const enum in the package's typings, which isolatedModules cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

const options: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 };

/**
 * Hard ceiling so a megabyte "password" cannot be used to burn CPU. Above the policy's 128 for new passwords
 * (password-policy.ts) so that passwords set before the policy still verify.
 */
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(plain: string): Promise<string> {
  if (plain.length > MAX_PASSWORD_LENGTH) throw new RangeError("Password is too long.");
  return hash(plain, options);
}

/** False (never an exception) for a wrong password, an unusable hash such as "!disabled", or an oversized input. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  if (!passwordHash.startsWith("$argon2") || plain.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

// No 0/o, 1/l/i: a generated password is often read aloud or copied from a terminal by hand.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * A random password a person can type: four groups of five characters, e.g. "k7qmx-3fp9r-twh2n-c8vbd".
 * 20 characters from a 31-letter alphabet ≈ 99 bits of entropy.
 */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = "";
    for (let i = 0; i < 5; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}
