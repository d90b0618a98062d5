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

/**
 * PBKDF2 for one passphrase, memoized by its parameters: the keys of one `request --all` share a salt (the
 * batch derives once), so opening all of them for a kit costs one derivation instead of one per key.
 */
export class PassphraseKeys {
  private readonly password: Buffer;
  private readonly keys = new Map<string, Promise<Buffer>>();

  constructor(passphrase: string) {
    this.password = Buffer.from(passwordForm(passphrase), "utf8");
  }

  derive(salt: Buffer, iterations: number, keyLength: number, prf: string): Promise<Buffer> {
    const id = `${salt.toString("hex")}:${iterations}:${keyLength}:${prf}`;
    let key = this.keys.get(id);
    if (!key) this.keys.set(id, (key = pbkdf2(this.password, salt, iterations, keyLength, prf)));
    return key;
  }
}
