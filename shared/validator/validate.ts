import type { CertificatePlan } from "../planner/plan-types";
import { hex, type CertificateFacts } from "../x509/certificate-facts";
import { buildChain, findLeaf, verifiedPath } from "../x509/chain";
import type { SignatureCheck } from "../x509/signature-check";
import type { Finding, KeyMatch, Rule, ValidationContext } from "./finding";
import { COMMON_RULES } from "./rules/common-rules";
import { CA_TRUST_RULES } from "./rules/ca-trust-rules";
import { REVERSE_PROXY_RULES } from "./rules/reverse-proxy-rules";
import { ROLE_RULES } from "./rules/role-rules";
import { X509_RULES } from "./rules/x509-rules";
import { PURPOSE_RULES } from "./rules/purpose-rules";
import { keyDescription } from "../x509/public-key-info";

export const ALL_RULES: readonly Rule[] = [...X509_RULES, ...PURPOSE_RULES, ...COMMON_RULES, ...ROLE_RULES, ...CA_TRUST_RULES, ...REVERSE_PROXY_RULES];

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  san: string[];
  keyAlgorithm: string;
  signatureAlgorithm: string;
  /** SHA-1 of the DER, as Windows and Set-CsCertificate show it. */
  thumbprint: string;
  spkiSha256: string;
}

export interface ValidationReport {
  certificate: CertificateSummary;
  chain: string[];
  /** SHA-1 thumbprints of the verified path, leaf first (`verifiedPath`): all that is kept with the leaf. */
  chainThumbprints: string[];
  /** The last certificate of `chain` is a self-signed root (else the chain stops at an intermediate). */
  rootIncluded: boolean;
  /** The issuer of the certificate itself, when neither the answer nor the CA certificates kept before hold it. */
  issuerMissing: string | null;
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Role rules not run, and why (no topology given). */
  skipped: { reason: string; rules: string[] } | undefined;
}

export interface ValidateParams {
  /** Every certificate given (the leaf is found among them). */
  certificates: readonly CertificateFacts[];
  plan: CertificatePlan | undefined;
  at: Date;
  keyMatch: (leaf: CertificateFacts, spkiSha256: string) => Promise<KeyMatch>;
  crypto: Crypto;
  /** Checks each signature of the chain (node:crypto in main: every algorithm, SHA-224 and MD5 included). */
  checkSignature: SignatureCheck;
  /** Public roots a chain may end in although not given (Mozilla's, through Node). */
  trustAnchors?: readonly CertificateFacts[];
  /** CA certificates kept from earlier answers and chain files: they complete a chain the answer left short. */
  knownCas?: readonly CertificateFacts[];
}

/** Runs every rule that applies and returns the findings, zlint-style. */
export async function validate(p: ValidateParams): Promise<ValidationReport> {
  const leaf = findLeaf(p.certificates);
  const others = p.certificates.filter((c) => c !== leaf);
  const chain = await buildChain(leaf, others, p.checkSignature, p.trustAnchors, p.at, p.knownCas);
  const spkiSha256 = await digestHex("SHA-256", leaf.spki, p.crypto);
  const ctx: ValidationContext = { leaf, chain, at: p.at, plan: p.plan, keyMatch: await p.keyMatch(leaf, spkiSha256) };
  const findings: Finding[] = [];
  for (const rule of ALL_RULES) {
    if (rule.needsPlan && !p.plan) continue;
    if (!rule.applies(ctx)) {
      findings.push({ rule: rule.id, status: "na", field: "", message: `does not apply (${rule.summary})` });
      continue;
    }
    for (const outcome of rule.check(ctx)) findings.push({ ...outcome, rule: outcome.rule ?? rule.id });
  }
  return {
    certificate: await summary(leaf, spkiSha256, p.crypto),
    chain: chain.links.map((l) => l.cert.subject),
    chainThumbprints: await Promise.all(verifiedPath(chain).map(async (c) => (await digestHex("SHA-1", c.der, p.crypto)).toUpperCase())),
    rootIncluded: chain.links.length > 1 && chain.links[chain.links.length - 1]!.cert.selfIssued,
    issuerMissing: chain.missingIssuerOf === leaf ? leaf.issuer : null,
    findings,
    ...tally(findings),
    skipped: p.plan
      ? undefined
      : { reason: "no site file and role given (--site FILE --role ROLE)", rules: ALL_RULES.filter((r) => r.needsPlan).map((r) => `${r.id} (${r.summary})`) },
  };
}

/** The error and warning counts a report carries. */
export function tally(findings: readonly Finding[]): { errors: number; warnings: number } {
  return { errors: findings.filter((f) => f.status === "error").length, warnings: findings.filter((f) => f.status === "warning").length };
}

async function summary(leaf: CertificateFacts, spkiSha256: string, crypto: Crypto): Promise<CertificateSummary> {
  const key = leaf.key;
  return {
    subject: leaf.subject,
    issuer: leaf.issuer,
    serial: leaf.serial,
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    san: [...(leaf.sanDns ?? []), ...leaf.sanOther],
    keyAlgorithm: keyDescription(key),
    signatureAlgorithm: leaf.signatureName,
    thumbprint: (await digestHex("SHA-1", leaf.der, crypto)).toUpperCase(),
    spkiSha256,
  };
}

export async function digestHex(algorithm: "SHA-1" | "SHA-256", data: Uint8Array, crypto: Crypto): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest(algorithm, data.slice())));
}
