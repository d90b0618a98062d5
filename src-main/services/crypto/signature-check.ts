import { createPublicKey, verify, constants } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { RsaSaPssParams } from "@peculiar/asn1-rsa";
import type { SignedParts } from "../../../shared/codec/der-span";
import type { SignatureCheck } from "../../../shared/x509/signature-check";

/** Hash and scheme of each signature algorithm node:crypto verifies (OpenSSL's), including those WebCrypto lacks. */
const SCHEMES: Record<string, { hash: string; kind: "pkcs1" | "ecdsa" | "dsa" }> = {
  "1.2.840.113549.1.1.4": { hash: "md5", kind: "pkcs1" },
  "1.2.840.113549.1.1.5": { hash: "sha1", kind: "pkcs1" },
  "1.3.14.3.2.29": { hash: "sha1", kind: "pkcs1" },
  "1.2.840.113549.1.1.14": { hash: "sha224", kind: "pkcs1" },
  "1.2.840.113549.1.1.11": { hash: "sha256", kind: "pkcs1" },
  "1.2.840.113549.1.1.12": { hash: "sha384", kind: "pkcs1" },
  "1.2.840.113549.1.1.13": { hash: "sha512", kind: "pkcs1" },
  "1.2.840.10045.4.1": { hash: "sha1", kind: "ecdsa" },
  "1.2.840.10045.4.3.1": { hash: "sha224", kind: "ecdsa" },
  "1.2.840.10045.4.3.2": { hash: "sha256", kind: "ecdsa" },
  "1.2.840.10045.4.3.3": { hash: "sha384", kind: "ecdsa" },
  "1.2.840.10045.4.3.4": { hash: "sha512", kind: "ecdsa" },
  "1.2.840.10040.4.3": { hash: "sha1", kind: "dsa" },
};
const HASH_OIDS: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
const PSS = "1.2.840.113549.1.1.10";

/**
 * Verifies a signature with node:crypto, so every algorithm the reference accepts (SHA-224 too) and every
 * one it refuses (MD5, RSASSA-PSS) is checked for what it is: whether the issuer signed it. Whether Lync
 * accepts the algorithm is COMMON-SIG-ALG's and COMMON-NO-PSS's business, not the chain's.
 */
export const nodeSignatureCheck: SignatureCheck = async (signed: SignedParts, issuerSpki: Uint8Array) => {
  try {
    const algorithm = AsnConvert.parse(signed.algorithm, AlgorithmIdentifier);
    const key = createPublicKey({ key: Buffer.from(issuerSpki), format: "der", type: "spki" });
    if (algorithm.algorithm === PSS) {
      const params = algorithm.parameters ? AsnConvert.parse(algorithm.parameters, RsaSaPssParams) : new RsaSaPssParams();
      const hash = HASH_OIDS[params.hashAlgorithm.algorithm];
      if (!hash) return `cannot be checked: RSASSA-PSS with hash ${params.hashAlgorithm.algorithm}`;
      return verify(hash, signed.tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signed.signature);
    }
    const scheme = SCHEMES[algorithm.algorithm];
    if (!scheme) return `cannot be checked: signature algorithm ${algorithm.algorithm} is unknown`;
    return verify(scheme.hash, signed.tbs, scheme.kind === "pkcs1" ? key : { key, dsaEncoding: "der" }, signed.signature);
  } catch (e) {
    return `cannot be checked: ${(e as Error).message.split("\n")[0]}`;
  }
};
