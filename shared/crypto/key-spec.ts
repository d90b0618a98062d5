import { InputError } from "../errors";

/**
 * The keys and signatures LyncCert requests. Only compliant choices are representable: no RSA 1024,
 * no RSASSA-PSS, no SHA-1 or MD5 (COMMON-KEY-LEN, COMMON-KEY-ALG, COMMON-NO-PSS, COMMON-SIG-ALG).
 */
export const KEY_SPECS = ["rsa2048", "rsa4096", "p256", "p384", "p521"] as const;
export type KeySpec = (typeof KEY_SPECS)[number];
export const HASHES = ["sha256", "sha384", "sha512"] as const;
export type HashName = (typeof HASHES)[number];

export type SigningProfile =
  | { kind: "rsa"; key: "rsa2048" | "rsa4096"; modulusLength: 2048 | 4096; hash: HashName }
  | { kind: "ec"; key: "p256" | "p384" | "p521"; namedCurve: "P-256" | "P-384" | "P-521"; hash: HashName };

/** ECDSA signs with its curve's own hash (crypto-notes: nothing else checks it). */
const CURVES = {
  p256: { namedCurve: "P-256", hash: "sha256" },
  p384: { namedCurve: "P-384", hash: "sha384" },
  p521: { namedCurve: "P-521", hash: "sha512" },
} as const;

/** Refused inputs, each with the rule that refuses it, so the CLI can say why. */
const REFUSED_KEYS: Record<string, { rule: string; why: string }> = {
  rsa1024: { rule: "COMMON-KEY-LEN", why: "1024-bit RSA is below the recommended 2048 bits" },
  rsa3072: { rule: "COMMON-KEY-LEN", why: "Lync supports RSA keys of 1024, 2048 or 4096 bits only" },
  "rsa-pss": { rule: "COMMON-NO-PSS", why: "RSASSA-PSS keys and signatures are unsupported by Lync" },
  rsapss: { rule: "COMMON-NO-PSS", why: "RSASSA-PSS keys and signatures are unsupported by Lync" },
  secp256k1: { rule: "COMMON-KEY-ALG", why: "Lync supports only the NIST curves P-256, P-384 and P-521" },
  ed25519: { rule: "COMMON-KEY-ALG", why: "Lync supports RSA and ECDSA P-256/P-384/P-521 keys only" },
};
const REFUSED_HASHES: Record<string, { rule: string; why: string }> = {
  sha1: { rule: "COMMON-SIG-ALG", why: "SHA-1 is accepted by Lync but LyncCert never requests it: public and internal CAs have retired it" },
  md5: { rule: "COMMON-SIG-ALG", why: "MD5 is not a signature algorithm Lync supports" },
  sha224: { rule: "COMMON-SIG-ALG", why: "SHA-224 is not offered: use sha256, sha384 or sha512" },
  pss: { rule: "COMMON-NO-PSS", why: "RSASSA-PSS signatures are unsupported by Lync" },
};

export function parseKeySpec(value: string | undefined): KeySpec {
  const v = (value ?? "rsa2048").toLowerCase();
  if ((KEY_SPECS as readonly string[]).includes(v)) return v as KeySpec;
  const refused = REFUSED_KEYS[v];
  if (refused) throw new InputError(`--key ${value}: refused (${refused.rule}): ${refused.why}; choose one of ${KEY_SPECS.join(", ")}`, { field: "--key", rule: refused.rule });
  throw new InputError(`--key ${value}: unknown key type; choose one of ${KEY_SPECS.join(", ")}`, { field: "--key" });
}

export function parseHash(value: string | undefined): HashName | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase().replace("-", "");
  if ((HASHES as readonly string[]).includes(v)) return v as HashName;
  const refused = REFUSED_HASHES[v] ?? (v.includes("pss") ? REFUSED_HASHES.pss : undefined);
  if (refused) throw new InputError(`--hash ${value}: refused (${refused.rule}): ${refused.why}; choose one of ${HASHES.join(", ")}`, { field: "--hash", rule: refused.rule });
  throw new InputError(`--hash ${value}: unknown hash; choose one of ${HASHES.join(", ")}`, { field: "--hash" });
}

/** Combines key and hash; ECDSA keys take their curve's hash and refuse any other. */
export function signingProfile(key: KeySpec, hash: HashName | undefined): SigningProfile {
  if (key === "rsa2048" || key === "rsa4096") {
    return { kind: "rsa", key, modulusLength: key === "rsa2048" ? 2048 : 4096, hash: hash ?? "sha256" };
  }
  const curve = CURVES[key];
  if (hash !== undefined && hash !== curve.hash) {
    throw new InputError(`--hash ${hash}: an ECDSA ${curve.namedCurve} key signs with ${curve.hash}; leave --hash out or use ${curve.hash}`, { field: "--hash" });
  }
  return { kind: "ec", key, namedCurve: curve.namedCurve, hash: curve.hash };
}

/** WebCrypto's name for a hash. */
export function webCryptoHash(hash: HashName): "SHA-256" | "SHA-384" | "SHA-512" {
  return hash === "sha256" ? "SHA-256" : hash === "sha384" ? "SHA-384" : "SHA-512";
}

/** The WebCrypto algorithm a key of this profile is imported with; for RSA it fixes the CSR's hash and padding. */
export function webCryptoKeyAlgorithm(profile: SigningProfile): RsaHashedImportParams | EcKeyImportParams {
  return profile.kind === "rsa" ? { name: "RSASSA-PKCS1-v1_5", hash: webCryptoHash(profile.hash) } : { name: "ECDSA", namedCurve: profile.namedCurve };
}

/** An ECDSA key: one Lync Server 2013 cannot use, since Windows keeps it in a CNG key storage provider (LC-ECDSA-CNG). */
export function isEcdsaKey(key: KeySpec): boolean {
  return signingProfile(key, undefined).kind === "ec";
}
