import { needsPublicCa } from "../../planner/public-ca";
import { EKU } from "../../x509/algorithms";
import { keyWarnings } from "../../crypto/key-warnings";
import type { CertificatePlan } from "../../planner/plan-types";
import { keyDescription, type PublicKeyFacts } from "../../x509/public-key-info";
import { fail, pass, type Outcome, type Rule } from "../finding";

const always = () => true;
const KU_DIGITAL_SIGNATURE = 1 << 0;
const KU_KEY_ENCIPHERMENT = 1 << 2;
const KU_KEY_AGREEMENT = 1 << 4;

/** COMMON-KEY-LEN for a certificate's or a request's key. */
export function keyLengthOutcomes(key: PublicKeyFacts, publicCa = false): Outcome[] {
  if (key.kind !== "rsa" && key.kind !== "rsa-pss") return [{ status: "na", field: "subjectPublicKeyInfo", message: "not an RSA key" }];
  if (key.bits === 2048 || key.bits === 4096) return [pass("subjectPublicKeyInfo", `RSA ${key.bits} bits`)];
  // Public CAs issue no RSA key under 2048 bits (CA/Browser Forum Baseline Requirements §6.1.5).
  if (key.bits === 1024 && publicCa) return [fail("error", "subjectPublicKeyInfo", "RSA 1024 bits: public CAs refuse keys under 2048 bits; request a new key of 2048 bits")];
  if (key.bits === 1024) return [fail("warning", "subjectPublicKeyInfo", "RSA 1024 bits: supported but below the recommended 2048; request a new key of 2048 bits")];
  return [fail("error", "subjectPublicKeyInfo", `RSA ${key.bits} bits: Lync supports 1024, 2048 or 4096 only; request a 2048-bit key`)];
}

/** COMMON-KEY-ALG for a certificate's or a request's key. */
export function keyAlgorithmOutcomes(key: PublicKeyFacts): Outcome[] {
  if (key.kind === "rsa" || key.kind === "rsa-pss") return [pass("subjectPublicKeyInfo", "RSA")];
  if (key.kind === "ec") {
    return key.allowedCurve
      ? [pass("subjectPublicKeyInfo", `ECDSA ${key.curve}`)]
      : [fail("error", "subjectPublicKeyInfo", `EC key on ${key.curve}; Lync supports only P-256, P-384 and P-521 (ECDH_P256/384/521): request a new key`)];
  }
  return [fail("error", "subjectPublicKeyInfo", `key algorithm ${key.kind === "other" ? key.algorithmOid : key.kind} is neither RSA nor ECDSA; Lync cannot use it`)];
}

/** OAUTH-KEY-2048 for a certificate's or a request's key. */
export function oauthKeyOutcomes(key: PublicKeyFacts): Outcome[] {
  return (key.kind === "rsa" || key.kind === "rsa-pss") && key.bits >= 2048
    ? [pass("subjectPublicKeyInfo", `RSA ${key.bits} bits`)]
    : [fail("error", "subjectPublicKeyInfo", `the OAuthTokenIssuer certificate needs an RSA key of at least 2048 bits, found ${keyDescription(key)}`)];
}

/** LC-ECDSA-CNG applies to an EC key for a Lync role (every role but the reverse proxy), or any role when none is known. */
export function ecdsaOnLync(key: PublicKeyFacts, plan: CertificatePlan | undefined): boolean {
  return key.kind === "ec" && (plan === undefined || plan.types.length > 0);
}

/**
 * Which of the usages TLS needs a Key Usage lacks, and why each is needed: Digital Signature for ECDHE (and any
 * ECDSA key), Key Encipherment for RSA key exchange only (the TLS_RSA_* suites older Windows servers still use).
 */
export function missingKeyUsage(flags: number, keyKind: string): string | undefined {
  const missing = [
    !(flags & KU_DIGITAL_SIGNATURE) && "Digital Signature (ECDHE key exchange signs with it)",
    keyKind !== "ec" && !(flags & KU_KEY_ENCIPHERMENT) && "Key Encipherment (RSA key exchange, the TLS_RSA_* suites older Windows servers negotiate, encrypts with it)",
  ].filter((m): m is string => m !== false);
  return missing.length ? `lacks ${missing.join(" and ")}` : undefined;
}

export function ecdsaCngOutcomes(): Outcome[] {
  return [fail("warning", "subjectPublicKeyInfo", keyWarnings("p256")[0]!.text)];
}

/** COMMON-* (§1): every Lync server certificate, whatever its role. Source S-INFRA. */
export const COMMON_RULES: Rule[] = [
  {
    id: "COMMON-EKU-SERVER",
    source: "S-INFRA",
    summary: "Server Authentication EKU",
    needsPlan: false,
    applies: always,
    check: ({ leaf, plan }) => {
      const fix = needsPublicCa(plan) ? "order it again from a public CA (their TLS certificates carry it)" : "re-issue with the Web Server template";
      if (leaf.eku === null) return [fail("error", "extKeyUsage", `no Extended Key Usage extension; Lync needs Server Authentication (1.3.6.1.5.5.7.3.1): ${fix}`)];
      if (!leaf.eku.includes(EKU.serverAuth)) return [fail("error", "extKeyUsage", `EKU is ${leaf.eku.join(", ")} without Server Authentication (1.3.6.1.5.5.7.3.1): ${fix}`)];
      return [pass("extKeyUsage", "Server Authentication present")];
    },
  },
  {
    id: "COMMON-CDP",
    source: "S-INFRA",
    summary: "CRL Distribution Point present",
    needsPlan: false,
    applies: always,
    check: ({ leaf, plan }) =>
      leaf.cdpUrls && leaf.cdpUrls.length > 0
        ? [pass("cRLDistributionPoints", `CRL distribution points: ${leaf.cdpUrls.join(", ")}`)]
        : [
            fail(
              "error",
              "cRLDistributionPoints",
              `no CRL Distribution Point (an OCSP address alone is not one); Lync servers refuse certificates whose revocation they cannot check: ${
                needsPublicCa(plan)
                  ? "order it from a public CA or profile that includes a CRL distribution point"
                  : "configure a CDP on the CA (or choose a CA or template that includes one) and re-issue"
              }`,
            ),
          ],
  },
  {
    id: "COMMON-SIG-ALG",
    source: "S-INFRA",
    summary: "SHA-1 or SHA-2 signature",
    needsPlan: false,
    applies: always,
    check: ({ leaf }) => {
      switch (leaf.signatureVerdict) {
        case "sha2":
          return [pass("signatureAlgorithm", leaf.signatureName)];
        case "pss":
          return [{ status: "na", field: "signatureAlgorithm", message: "RSASSA-PSS: see COMMON-NO-PSS" }];
        case "sha1":
          return [fail("warning", "signatureAlgorithm", `${leaf.signatureName}: Lync accepts SHA-1 but clients and browsers distrust it; ask the CA to sign with SHA-256`)];
        default:
          return [fail("error", "signatureAlgorithm", `${leaf.signatureName} is not SHA-1 or SHA-2; Lync cannot use it: re-issue signed with SHA-256`)];
      }
    },
  },
  {
    id: "COMMON-NO-PSS",
    source: "S-INFRA",
    summary: "no RSASSA-PSS",
    needsPlan: false,
    applies: always,
    check: ({ leaf }) => {
      const found = [];
      if (leaf.signatureVerdict === "pss")
        found.push(
          fail("error", "signatureAlgorithm", "signed with RSASSA-PSS, which Lync does not support (sign-in and call-forwarding failures): have the CA sign with PKCS#1 v1.5"),
        );
      if (leaf.key.kind === "rsa-pss")
        found.push(fail("error", "subjectPublicKeyInfo", "the public key is an RSASSA-PSS key, which Lync does not support: request a plain RSA key"));
      return found.length ? found : [pass("signatureAlgorithm", "no RSASSA-PSS")];
    },
  },
  {
    id: "COMMON-KEY-LEN",
    source: "S-INFRA",
    summary: "RSA 1024/2048/4096",
    needsPlan: false,
    applies: always,
    check: ({ leaf }) => keyLengthOutcomes(leaf.key),
  },
  {
    id: "COMMON-KEY-ALG",
    source: "S-INFRA",
    summary: "RSA or ECDSA P-256/P-384/P-521",
    needsPlan: false,
    applies: always,
    check: ({ leaf }) => keyAlgorithmOutcomes(leaf.key),
  },
  {
    id: "LC-ECDSA-CNG",
    source: "PFXImportCertStore (learn.microsoft.com); LYNCCERT_RULES",
    summary: "an RSA key for Lync Server 2013, whose servers use only CryptoAPI keys",
    needsPlan: false,
    applies: (ctx) => ecdsaOnLync(ctx.leaf.key, ctx.plan),
    check: () => ecdsaCngOutcomes(),
  },
  {
    id: "COMMON-KU",
    source: "S-RP-REQ",
    summary: "Key Usage Digital Signature + Key Encipherment, critical",
    needsPlan: false,
    // The reverse proxy's own request states it as RP-KU, which judges it there.
    applies: (ctx) => ctx.plan?.role !== "reverse-proxy",
    check: ({ leaf }) => {
      const ku = leaf.keyUsage;
      if (!ku) return [fail("warning", "keyUsage", "no Key Usage extension; expected Digital Signature and Key Encipherment (critical)")];
      const missing = missingKeyUsage(ku.flags, leaf.key.kind);
      if (missing && !(leaf.key.kind === "ec" && ku.flags & KU_KEY_AGREEMENT)) return [fail("warning", "keyUsage", `Key Usage ${missing}`)];
      if (!ku.critical) return [fail("notice", "keyUsage", "Key Usage is not marked critical")];
      return [pass("keyUsage", "Key Usage fits the key and is critical")];
    },
  },
];
