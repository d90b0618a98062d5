import { pbkdf2 as pbkdf2Cb, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { passwordForm } from "../../../shared/crypto/password-form";

export const pbkdf2 = promisify(pbkdf2Cb);

/** Keys at rest: PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP's 2023 figure for SHA-256). */
export const KEYSTORE_ITERATIONS = 600_000;

/** A PBKDF2 key made ahead of time, so the derivation can run beside key generation on the thread pool. */
export interface DerivedKey {
  salt: Buffer;
  iterations: number;
  key: Buffer;
}

export async function deriveKey(passphrase: string, iterations = KEYSTORE_ITERATIONS, salt: Buffer = randomBytes(16)): Promise<DerivedKey> {
  return { salt, iterations, key: await pbkdf2(Buffer.from(passwordForm(passphrase), "utf8"), salt, iterations, 32, "sha256") };
}
