import { webCryptoHash, type SigningProfile } from "../crypto/key-spec";
import type { CertificatePlan } from "../planner/plan-types";
import { certificationRequest, dnsNames, ecdsaSignatureToDer, extendedKeyUsage, extension, keyUsage, requestInfo, subjectName } from "./pkcs10-encoding";
import type { SubjectDetails } from "./subject";
import { TEMPLATE_NAME_OID, templateNameValue } from "./template-extension";

export interface CsrParams {
  plan: CertificatePlan;
  subject: SubjectDetails;
  profile: SigningProfile;
  /** A key pair imported with `webCryptoKeyAlgorithm(profile)`: for RSA that fixes hash and padding. */
  keys: CryptoKeyPair;
  /** AD CS template name; null leaves the extension out. */
  template: string | null;
  crypto: Crypto;
}

const EKU_OIDS = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2" } as const;
const SIGNATURE_OIDS = {
  rsa: { sha256: "1.2.840.113549.1.1.11", sha384: "1.2.840.113549.1.1.12", sha512: "1.2.840.113549.1.1.13" },
  ec: { sha256: "1.2.840.10045.4.3.2", sha384: "1.2.840.10045.4.3.3", sha512: "1.2.840.10045.4.3.4" },
} as const;
/** KeyUsage bits: digitalSignature 0, keyEncipherment 2, keyAgreement 4. */
const KEY_USAGE_BITS = { rsa: [0, 2], ec: [0, 4] } as const;

/**
 * Builds the PKCS#10 request for a plan: subject, SAN (dNSName, CONV-DNSNAME), EKU (COMMON-EKU-SERVER),
 * critical Key Usage (COMMON-KU) and the template name (COMMON-TEMPLATE), signed only with
 * RSASSA-PKCS1-v1_5 or ECDSA and the profile's hash (COMMON-NO-PSS, COMMON-SIG-ALG). Returns the DER.
 * Encoded here rather than with @peculiar/x509, whose loading cost ~100 ms of every `request`.
 */
export async function buildCsr(params: CsrParams): Promise<Uint8Array> {
  const { plan, profile, keys, crypto } = params;
  const expected = profile.kind === "rsa" ? "RSASSA-PKCS1-v1_5" : "ECDSA";
  const keyAlgorithm = keys.privateKey.algorithm as RsaHashedKeyAlgorithm | EcKeyAlgorithm;
  if (keyAlgorithm.name !== expected || ("hash" in keyAlgorithm && keyAlgorithm.hash.name !== webCryptoHash(profile.hash))) {
    throw new Error(`internal: the key is imported for ${keyAlgorithm.name}, not ${expected} with ${webCryptoHash(profile.hash)} (COMMON-NO-PSS, COMMON-SIG-ALG)`);
  }
  const extensions = [
    extension("2.5.29.17", false, dnsNames(plan.san.map((n) => n.name))),
    extension("2.5.29.37", false, extendedKeyUsage(plan.eku.map((e) => EKU_OIDS[e]))),
    extension("2.5.29.15", true, keyUsage(KEY_USAGE_BITS[profile.kind])),
    ...(params.template !== null ? [extension(TEMPLATE_NAME_OID, false, templateNameValue(params.template))] : []),
  ];
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const info = requestInfo(subjectName(plan.cn, params.subject), spki, extensions);
  const algorithm = profile.kind === "rsa" ? { name: "RSASSA-PKCS1-v1_5" } : { name: "ECDSA", hash: webCryptoHash(profile.hash) };
  const raw = new Uint8Array(await crypto.subtle.sign(algorithm, keys.privateKey, info.slice()));
  const signature = profile.kind === "rsa" ? raw : ecdsaSignatureToDer(raw);
  return certificationRequest(info, SIGNATURE_OIDS[profile.kind][profile.hash], profile.kind === "rsa", signature);
}
