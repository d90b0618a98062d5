import type { CertificatePlan } from "../planner/plan-types";
import { EKU } from "../x509/algorithms";
import type { RequestFacts } from "../x509/request-facts";
import { fail, pass, type Outcome } from "./finding";
import { ecdsaCngOutcomes, ecdsaOnLync, keyAlgorithmOutcomes, keyLengthOutcomes, missingKeyUsage, oauthKeyOutcomes } from "./rules/common-rules";
import { needsPublicCa } from "../planner/public-ca";
import { extraNameOutcomes, REQUEST_REMEDY, requiredNameOutcomes, subjectOutcomes } from "./rules/name-outcomes";

export interface RequestContext {
  request: RequestFacts;
  plan: CertificatePlan | undefined;
  /** The request's signature checked with its own key: true, false, or why it could not be. */
  signature: boolean | string;
}

/** A rule for a request, with the same ids as for certificates: what the CA would issue from it. */
export interface RequestRule {
  id: string;
  source: string;
  summary: string;
  needsPlan: boolean;
  applies(ctx: RequestContext): boolean;
  check(ctx: RequestContext): Outcome[];
}

const always = () => true;
/** A key made in a CNG key storage provider: KeySpec 0 (AT_NONE), or a provider named a Key Storage Provider. */
const cngProvider = (request: RequestFacts) => request.provider !== null && (request.provider.keySpec === 0 || /key storage provider/i.test(request.provider.name));
const hasPlan = (ctx: RequestContext) => ctx.plan !== undefined;
const sanOf = (ctx: RequestContext) => ctx.request.sanDns ?? [];

/** Checks of a PKCS#10 request before it goes to the CA, made by LyncCert or by any other tool. */
export const REQUEST_RULES: RequestRule[] = [
  {
    id: "X509-SIGNATURE",
    source: "RFC 2986 §3",
    summary: "the request is signed by its own key",
    needsPlan: false,
    applies: always,
    check: ({ signature }) =>
      signature === true
        ? [pass("signature", "the request's signature verifies with its own public key")]
        : signature === false
          ? [fail("error", "signature", "the request's signature does not verify with its own key: the file is damaged or was altered; make a new request")]
          : [fail("notice", "signature", `the request's signature ${signature}`)],
  },
  {
    id: "COMMON-NO-PSS",
    source: "S-INFRA",
    summary: "no RSASSA-PSS",
    needsPlan: false,
    applies: always,
    check: ({ request }) => {
      const found: Outcome[] = [];
      if (request.signatureVerdict === "pss")
        found.push(
          fail(
            "error",
            "signatureAlgorithm",
            "the request is signed with RSASSA-PSS, which Lync does not support; some CAs carry it into the certificate: make the request with PKCS#1 v1.5",
          ),
        );
      if (request.key.kind === "rsa-pss")
        found.push(fail("error", "subjectPublicKeyInfo", "the key is an RSASSA-PSS key, which Lync does not support: make a new request with a plain RSA key"));
      return found.length ? found : [pass("signatureAlgorithm", "no RSASSA-PSS")];
    },
  },
  {
    id: "COMMON-SIG-ALG",
    source: "S-INFRA",
    summary: "the request's own signature hash",
    needsPlan: false,
    applies: always,
    check: ({ request }) => {
      if (request.signatureVerdict === "sha2" || request.signatureVerdict === "pss") return [pass("signatureAlgorithm", request.signatureName)];
      if (request.signatureVerdict === "sha1")
        return [
          fail(
            "warning",
            "signatureAlgorithm",
            `${request.signatureName}: many CAs refuse requests signed with SHA-1 (the certificate's own signature is the CA's choice): make the request with SHA-256`,
          ),
        ];
      return [fail("error", "signatureAlgorithm", `${request.signatureName}: not SHA-1 or SHA-2; CAs refuse it: make a new request signed with SHA-256`)];
    },
  },
  {
    id: "COMMON-KEY-LEN",
    source: "S-INFRA",
    summary: "RSA 1024/2048/4096",
    needsPlan: false,
    applies: always,
    check: ({ request, plan }) => keyLengthOutcomes(request.key, needsPublicCa(plan)),
  },
  {
    id: "COMMON-KEY-ALG",
    source: "S-INFRA",
    summary: "RSA or ECDSA P-256/P-384/P-521",
    needsPlan: false,
    applies: always,
    check: ({ request }) => keyAlgorithmOutcomes(request.key),
  },
  {
    id: "LC-ECDSA-CNG",
    source: "PFXImportCertStore (learn.microsoft.com); LYNCCERT_RULES",
    summary: "an RSA key for Lync Server 2013",
    needsPlan: false,
    applies: (ctx) => ecdsaOnLync(ctx.request.key, ctx.plan) || (cngProvider(ctx.request) && (ctx.plan === undefined || ctx.plan.types.length > 0)),
    check: ({ request }) => [
      ...(request.key.kind === "ec" ? ecdsaCngOutcomes() : []),
      ...(cngProvider(request)
        ? [
            fail(
              "warning",
              "attributes",
              `the key was made in ${request.provider!.name} (KeySpec ${request.provider!.keySpec}), a CNG key storage provider, which Lync Server 2013 cannot use: make the request again with a CryptoAPI provider (certreq INF: ProviderName = "Microsoft RSA SChannel Cryptographic Provider", KeySpec = 1)`,
            ),
          ]
        : []),
    ],
  },
  {
    id: "COMMON-EXPORT-IF-MOVED",
    source: "S-INFRA, S-EDGE-EXTSET",
    summary: "exportability, which a request cannot show",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && ctx.plan!.exportableRules.length > 0,
    // PKCS#10 has no field for it: it is a property of the key where the key is made and kept.
    check: ({ plan }) =>
      plan!.exportableRules.map((rule) =>
        fail(
          "notice",
          "key",
          `this certificate needs an exportable key (${rule}), which a request cannot show: keep the key where it can be exported (LyncCert's keystore; certreq INF: Exportable = TRUE)`,
          rule,
        ),
      ),
  },
  {
    id: "OAUTH-KEY-2048",
    source: "S-S2S-ASSIGN",
    summary: "OAuthTokenIssuer key is RSA of 2048 bits or more",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && ctx.plan!.rsaOnly,
    check: ({ request }) => oauthKeyOutcomes(request.key),
  },
  {
    id: "WILDCARD-NO-CN",
    source: "S-WILD",
    summary: "subject is the planned name",
    needsPlan: true,
    applies: hasPlan,
    check: (ctx) => subjectOutcomes(ctx.plan!, ctx.request.subjectCns, sanOf(ctx), REQUEST_REMEDY),
  },
  {
    id: "CONV-SET",
    source: "S-EXT",
    summary: "every required SAN name is requested",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && ctx.plan!.role !== "oauth-token-issuer",
    check: (ctx) => requiredNameOutcomes(ctx.plan!, sanOf(ctx), REQUEST_REMEDY),
  },
  {
    id: "CONV-REQUIRED-VS-EXTRA",
    source: "S-FECFG",
    summary: "extra names requested",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && ctx.plan!.role !== "oauth-token-issuer",
    check: (ctx) => extraNameOutcomes(ctx.plan!, sanOf(ctx)),
  },
  {
    id: "COMMON-EKU-SERVER",
    source: "S-INFRA",
    summary: "Server Authentication requested",
    needsPlan: false,
    applies: always,
    check: ({ request }) => {
      if (request.eku === null)
        return [fail("notice", "extKeyUsage", "the request asks for no Enhanced Key Usage: the CA template must add Server Authentication (the Web Server template does)")];
      if (!request.eku.includes(EKU.serverAuth))
        return [
          fail(
            "error",
            "extKeyUsage",
            "the request asks for EKUs without Server Authentication; a CA that keeps them would issue a certificate Lync cannot use: make a new request",
          ),
        ];
      return [pass("extKeyUsage", "Server Authentication requested")];
    },
  },
  {
    id: "EDGE-EXT-EKU-CLIENT-AOL",
    source: "S-EDGE-EXTSET",
    summary: "Client Authentication for AOL public IM requested",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && ctx.plan!.eku.includes("clientAuth"),
    check: ({ request }) =>
      request.eku?.includes(EKU.clientAuth)
        ? [pass("extKeyUsage", "Client Authentication requested for AOL public IM")]
        : [
            fail(
              "warning",
              "extKeyUsage",
              "AOL public IM needs Client Authentication too, and the request does not ask for it; public CAs no longer issue Client Authentication (since May 2026), so only a CA that still offers it can",
            ),
          ],
  },
  {
    id: "COMMON-KU",
    source: "S-RP-REQ",
    summary: "Key Usage requested",
    needsPlan: false,
    applies: always,
    check: ({ request }) => {
      const ku = request.keyUsage;
      if (!ku) return [fail("notice", "keyUsage", "the request asks for no Key Usage; the CA template adds it (the Web Server template: Digital Signature, Key Encipherment)")];
      const missing = missingKeyUsage(ku.flags, request.key.kind);
      if (missing) return [fail("warning", "keyUsage", `the requested Key Usage ${missing}`)];
      return [pass("keyUsage", `Key Usage requested${ku.critical ? ", critical" : ""}`)];
    },
  },
  {
    id: "COMMON-TEMPLATE",
    source: "C-REQ",
    summary: "the AD CS template the request names",
    needsPlan: false,
    applies: always,
    check: ({ request, plan }) =>
      needsPublicCa(plan)
        ? [pass("template", "goes to a public CA, which uses no AD CS template (EDGE-EXT-CA-PUBLIC, RP-CA-PUBLIC)")]
        : request.template
          ? [pass("template", `names the certificate template ${request.template}; submit it to a CA that offers that template`)]
          : [
              fail(
                "notice",
                "template",
                'names no certificate template: submit it with certreq -submit -attrib "CertificateTemplate:WebServer", or choose the Web Server template in AD CS web enrollment',
              ),
            ],
  },
];
