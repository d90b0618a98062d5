import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import { der, int, octets, oid, seq } from "../../../shared/codec/der-builders";
import { InputError } from "../../../shared/errors";
import { integerValue, KdfBudget } from "./kdf-budget";
import { PassphraseKeys, type DerivedKey } from "./derive-key";

export const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSHA256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
} as const;

/** PBES2 AlgorithmIdentifier with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018). */
export function pbes2AlgorithmIdentifier(derived: DerivedKey, iv: Buffer): asn1js.Sequence {
  const prf = seq(oid(OID.hmacWithSHA256), new asn1js.Null());
  const kdf = seq(oid(OID.pbkdf2), seq(octets(derived.salt), int(derived.iterations), int(32), prf));
  return seq(oid(OID.pbes2), seq(kdf, seq(oid(OID.aes256Cbc), octets(iv))));
}

export function pbes2Encrypt(derived: DerivedKey, plaintext: Uint8Array): { algorithm: asn1js.Sequence; ciphertext: Buffer } {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", derived.key, iv);
  return { algorithm: pbes2AlgorithmIdentifier(derived, iv), ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
}

/** PKCS#8 EncryptedPrivateKeyInfo (DER), readable by `openssl pkey` and Node's createPrivateKey. */
export function encryptPrivateKeyInfo(derived: DerivedKey, pkcs8: Uint8Array): Buffer {
  const { algorithm, ciphertext } = pbes2Encrypt(derived, pkcs8);
  return Buffer.from(der(seq(algorithm, octets(ciphertext))));
}

export class WrongPassphraseError extends InputError {
  constructor(what: string, secret: "passphrase" | "PFX password" = "passphrase") {
    // One wording wherever a keystore passphrase fails, the export's and the new request's alike.
    super(secret === "passphrase" ? `wrong keystore passphrase: it does not open ${what}` : `wrong ${secret} for ${what}`, {
      field: secret === "passphrase" ? "passphrase" : "password",
    });
    this.name = "WrongPassphraseError";
  }
}

const PRFS: Record<string, "sha1" | "sha224" | "sha256" | "sha384" | "sha512"> = {
  "1.2.840.113549.2.7": "sha1",
  "1.2.840.113549.2.8": "sha224",
  [OID.hmacWithSHA256]: "sha256",
  "1.2.840.113549.2.10": "sha384",
  "1.2.840.113549.2.11": "sha512",
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  "2.16.840.1.101.3.4.1.2": { name: "aes-128-cbc", keyLength: 16 },
  "2.16.840.1.101.3.4.1.22": { name: "aes-192-cbc", keyLength: 24 },
  [OID.aes256Cbc]: { name: "aes-256-cbc", keyLength: 32 },
  "1.2.840.113549.3.7": { name: "des-ede3-cbc", keyLength: 24 },
};

/** An algorithm we can name but not read; says which one and what to do instead. */
export class UnsupportedAlgorithmError extends InputError {
  constructor(what: string, algorithm: string, advice: string) {
    super(`${what}: encrypted with ${algorithm}, which LyncCert cannot read; ${advice}`, { field: what });
    this.name = "UnsupportedAlgorithmError";
  }
}

interface Pbes2Params {
  salt: Buffer;
  iterations: number;
  iv: Buffer;
  prf: string;
  cipher: { name: string; keyLength: number };
}

/** Reads a PBES2 AlgorithmIdentifier (PBKDF2 with HMAC-SHA1/2, AES-CBC or 3DES); anything else is refused by name. */
export function readPbes2Parameters(algorithm: asn1js.Sequence, what: string): Pbes2Params {
  const [schemeId, params] = algorithm.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Sequence];
  if (schemeId.valueBlock.toString() !== OID.pbes2) throw new UnsupportedAlgorithmError(what, schemeId.valueBlock.toString(), "it is not PBES2");
  const [kdf, scheme] = params.valueBlock.value as [asn1js.Sequence, asn1js.Sequence];
  const [kdfOid, kdfParams] = kdf.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Sequence];
  if (kdfOid.valueBlock.toString() !== OID.pbkdf2) throw new UnsupportedAlgorithmError(what, `key derivation ${kdfOid.valueBlock.toString()}`, "only PBKDF2 is read");
  const kp = kdfParams.valueBlock.value;
  const prfSeq = kp.find((v) => v instanceof asn1js.Sequence) as asn1js.Sequence | undefined;
  const prfOid = prfSeq ? (prfSeq.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString() : "1.2.840.113549.2.7";
  const prf = PRFS[prfOid];
  if (!prf) throw new UnsupportedAlgorithmError(what, `PBKDF2 with ${prfOid}`, "re-export with PBKDF2-HMAC-SHA256");
  const [schemeOid, iv] = scheme.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.OctetString];
  const cipher = CIPHERS[schemeOid.valueBlock.toString()];
  if (!cipher) throw new UnsupportedAlgorithmError(what, `cipher ${schemeOid.valueBlock.toString()}`, "re-export with AES-256-CBC");
  return {
    salt: Buffer.from((kp[0] as asn1js.OctetString).valueBlock.valueHexView),
    iterations: integerValue(kp[1]),
    iv: Buffer.from(iv.valueBlock.valueHexView),
    prf,
    cipher,
  };
}

export async function pbes2Decrypt(
  algorithm: asn1js.Sequence,
  ciphertext: Uint8Array,
  passphrase: string | PassphraseKeys,
  what: string,
  budget = new KdfBudget(what),
): Promise<Buffer> {
  const p = readPbes2Parameters(algorithm, what);
  const iterations = budget.spend("pbkdf2", p.iterations, "PBKDF2 key derivation");
  const keys = typeof passphrase === "string" ? new PassphraseKeys(passphrase) : passphrase;
  const key = await keys.derive(p.salt, iterations, p.cipher.keyLength, p.prf);
  try {
    const decipher = createDecipheriv(p.cipher.name, key, p.iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new WrongPassphraseError(what);
  }
}

/** The two parts of an EncryptedPrivateKeyInfo: its PBES2 algorithm and the ciphertext. */
function encryptedKeyParts(der: Uint8Array, what: string): [asn1js.Sequence, asn1js.OctetString] {
  const parsed = asn1js.fromBER(der.slice());
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new Error(`${what}: not an encrypted PKCS#8 key`);
  return parsed.result.valueBlock.value as [asn1js.Sequence, asn1js.OctetString];
}

/** How an encrypted key was protected (salt, iterations, PRF, cipher), read without decrypting it. */
export function encryptedKeyParameters(der: Uint8Array, what: string): Pbes2Params {
  return readPbes2Parameters(encryptedKeyParts(der, what)[0], what);
}

/** Opens an EncryptedPrivateKeyInfo without blocking the event loop (PBKDF2 runs on the thread pool). */
export async function decryptPrivateKeyInfo(der: Uint8Array, passphrase: string | PassphraseKeys, what: string): Promise<Buffer> {
  const [algorithm, data] = encryptedKeyParts(der, what);
  const plain = await pbes2Decrypt(algorithm, data.valueBlock.valueHexView, passphrase, what);
  if (plain[0] !== 0x30) throw new WrongPassphraseError(what);
  return plain;
}
