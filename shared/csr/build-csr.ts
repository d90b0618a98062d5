import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webCryptoHash, type SigningProfile } from "../crypto/key-spec";
import type { CertificatePlan } from "../planner/plan-types";
import type { SubjectDetails } from "./subject";
import { templateNameExtension } from "./template-extension";

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

/** Subject in ASN.1 order C, ST, L, O, OU, CN. */
export function subjectName(cn: string, details: SubjectDetails): x509.JsonName {
  const rdns: x509.JsonName = [];
  for (const key of ["C", "ST", "L", "O", "OU"] as const) {
    const value = details[key];
    if (value !== undefined) rdns.push({ [key]: [value] });
  }
  rdns.push({ CN: [cn] });
  return rdns;
}

/**
 * Builds the PKCS#10 request for a plan: subject, SAN (dNSName, CONV-DNSNAME), EKU (COMMON-EKU-SERVER),
 * critical Key Usage (COMMON-KU) and the template name (COMMON-TEMPLATE). The result is re-read and
 * refused if its signature algorithm is not the profile's (COMMON-NO-PSS).
 */
export async function buildCsr(params: CsrParams): Promise<x509.Pkcs10CertificateRequest> {
  const { plan, profile, keys } = params;
  const keyUsage =
    profile.kind === "rsa"
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement;
  const extensions: x509.Extension[] = [
    new x509.SubjectAlternativeNameExtension(plan.san.map((n) => ({ type: "dns" as const, value: n.name }))),
    new x509.ExtendedKeyUsageExtension(plan.eku.map((e) => x509.ExtendedKeyUsage[e])),
    new x509.KeyUsagesExtension(keyUsage, true),
  ];
  if (params.template !== null) extensions.push(templateNameExtension(params.template));
  const signingAlgorithm = profile.kind === "rsa" ? { name: "RSASSA-PKCS1-v1_5", hash: webCryptoHash(profile.hash) } : { name: "ECDSA", hash: webCryptoHash(profile.hash) };
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: subjectName(plan.cn, params.subject), keys, signingAlgorithm, extensions },
    params.crypto,
  );
  assertSignatureAlgorithm(csr, profile);
  return csr;
}

function assertSignatureAlgorithm(csr: x509.Pkcs10CertificateRequest, profile: SigningProfile): void {
  const alg = csr.signatureAlgorithm as { name: string; hash?: { name: string } };
  const expected = profile.kind === "rsa" ? "RSASSA-PKCS1-v1_5" : "ECDSA";
  if (alg.name !== expected || alg.hash?.name !== webCryptoHash(profile.hash)) {
    throw new Error(`internal: request signed with ${alg.name}/${alg.hash?.name}, expected ${expected}/${webCryptoHash(profile.hash)} (COMMON-NO-PSS, COMMON-SIG-ALG)`);
  }
}
