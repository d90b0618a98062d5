import * as asn1js from "asn1js";
import { InputError } from "../../../shared/errors";

/**
 * What one file may make LyncCert spend on password-based key derivation before the password is even
 * checked. Windows writes 2,000 iterations, openssl 2,048, the keystore 600,000 PBKDF2; a crafted file
 * asking for millions, or for thousands of bags, gets a clear error instead of minutes of CPU.
 * The PKCS#12 KDF is a hash loop in JavaScript (about 3 µs an iteration here); PBKDF2 is native.
 */
export const KDF_LIMITS = {
  pkcs12: { perDerivation: 100_000, perFile: 400_000 },
  pbkdf2: { perDerivation: 2_000_000, perFile: 8_000_000 },
} as const;

export class KdfBudget {
  private spent = { pkcs12: 0, pbkdf2: 0 };
  constructor(private readonly what: string) {}

  /** Charges one derivation of `iterations`, or refuses it naming the file and the limit. */
  spend(kind: keyof typeof KDF_LIMITS, iterations: number, purpose: string): number {
    const limit = KDF_LIMITS[kind];
    if (!Number.isSafeInteger(iterations) || iterations < 1) throw new InputError(`${this.what}: the ${purpose} has an invalid iteration count`, { field: this.what });
    if (iterations > limit.perDerivation) {
      throw new InputError(
        `${this.what}: the ${purpose} asks for ${iterations.toLocaleString("en-US")} iterations; LyncCert reads at most ${limit.perDerivation.toLocaleString("en-US")} (Windows and openssl write about 2,000): re-export the file`,
        { field: this.what },
      );
    }
    this.spent[kind] += iterations;
    if (this.spent[kind] > limit.perFile) {
      throw new InputError(
        `${this.what}: the file asks for more than ${limit.perFile.toLocaleString("en-US")} key-derivation iterations in all; LyncCert reads at most that: re-export it with fewer parts or iterations`,
        { field: this.what },
      );
    }
    return iterations;
  }
}

/** An INTEGER's value from all its bytes (asn1js's valueDec is 0 for values from 2^23 on when read from BER). */
export function integerValue(block: asn1js.BaseBlock | undefined): number {
  if (!(block instanceof asn1js.Integer)) return Number.NaN;
  const bytes = block.valueBlock.valueHexView;
  if (bytes.length === 0 || bytes.length > 6 || bytes[0]! & 0x80) return Number.NaN;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}
