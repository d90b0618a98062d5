import { createHash } from "node:crypto";
import { passwordForm } from "../../../shared/crypto/password-form";

export type Pkcs12Hash = "sha1" | "sha256";

/** The password as PKCS#12 key derivation takes it: BMPString (UTF-16BE) with a trailing zero pair (RFC 7292 B.1). */
export function bmpPassword(raw: string): Buffer {
  const password = passwordForm(raw);
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** RFC 7292 appendix B.2 key derivation. id 1 = key, 2 = IV, 3 = MAC key. */
export function pkcs12Kdf(hash: Pkcs12Hash, password: Buffer, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, size: number): Buffer {
  const u = hash === "sha1" ? 20 : 32;
  const v = 64;
  const fill = (src: Uint8Array) => {
    if (src.length === 0) return Buffer.alloc(0);
    const len = v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const blocks: Buffer[] = [];
  for (let n = 0; n < Math.ceil(size / u); n++) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let j = 1; j < iterations; j++) A = createHash(hash).update(A).digest();
    blocks.push(A);
    const B = fill(A);
    for (let off = 0; off < I.length; off += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[off + k]! + B[k]! + carry;
        I[off + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, size);
}
