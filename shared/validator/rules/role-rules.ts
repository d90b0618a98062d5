import type { CertificatePlan } from "../../planner/plan-types";
import { EKU } from "../../x509/algorithms";
import { fail, pass, type Outcome, type Rule, type ValidationContext } from "../finding";
import { oauthKeyOutcomes } from "./common-rules";
import { CERTIFICATE_REMEDY, extraNameOutcomes, requiredNameOutcomes, subjectOutcomes } from "./name-outcomes";
import { wildcardRuleFor } from "./san-coverage";

const hasPlan = (ctx: ValidationContext) => ctx.plan !== undefined;
const planOf = (ctx: ValidationContext): CertificatePlan => ctx.plan!;
const sanOf = (ctx: ValidationContext) => ctx.leaf.sanDns ?? [];
const OUTSIDE_DOMAIN: readonly CertificatePlan["role"][] = ["edge-external", "edge-internal", "reverse-proxy"];

/** Role rules: the certificate against the plan for its role and server (§2–§13). */
export const ROLE_RULES: Rule[] = [
  {
    id: "WILDCARD-NO-CN",
    source: "S-WILD",
    summary: "subject is the planned name, never a wildcard",
    needsPlan: true,
    applies: hasPlan,
    check: (ctx) => subjectOutcomes(planOf(ctx), ctx.leaf.subjectCns, sanOf(ctx), CERTIFICATE_REMEDY),
  },
  {
    id: "CONV-SET",
    source: "S-EXT",
    summary: "every required SAN name is present",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && planOf(ctx).role !== "oauth-token-issuer",
    check: (ctx) => requiredNameOutcomes(planOf(ctx), sanOf(ctx), CERTIFICATE_REMEDY),
  },
  {
    id: "CONV-REQUIRED-VS-EXTRA",
    source: "S-FECFG",
    summary: "extra SAN names are reported",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && planOf(ctx).role !== "oauth-token-issuer",
    check: (ctx) => extraNameOutcomes(planOf(ctx), sanOf(ctx)),
  },
  {
    id: "WILDCARD-OTHER-ROLES",
    source: "S-WILD",
    summary: "wildcard SANs only where the role allows them",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && sanOf(ctx).some((n) => n.includes("*")),
    check: (ctx) => wildcardOutcomes(planOf(ctx), sanOf(ctx)),
  },
  {
    id: "EDGE-EXT-EKU-CLIENT-AOL",
    source: "S-EDGE-EXTSET",
    summary: "Client Authentication for AOL public IM",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && planOf(ctx).eku.includes("clientAuth"),
    check: ({ leaf }) =>
      leaf.eku?.includes(EKU.clientAuth)
        ? [pass("extKeyUsage", "Client Authentication present for AOL public IM")]
        : [
            fail(
              "error",
              "extKeyUsage",
              "AOL public IM needs Client Authentication (1.3.6.1.5.5.7.3.2) as well, and public CAs no longer issue it (Chrome Root Program; DigiCert from 2026-05-01, Let's Encrypt 2026-05-13, Sectigo 2026-05-15): only a CA that still offers a Client Authentication TLS product can, or AOL federation cannot be kept",
            ),
          ],
  },
  {
    id: "OAUTH-KEY-2048",
    source: "S-S2S-ASSIGN",
    summary: "OAuthTokenIssuer key is RSA of 2048 bits or more",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && planOf(ctx).rsaOnly,
    check: ({ leaf }) => oauthKeyOutcomes(leaf.key),
  },
  {
    id: "AMB-12",
    source: "S-S2S",
    summary: "OAuth certificate names a SIP domain",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && planOf(ctx).role === "oauth-token-issuer",
    check: (ctx) => {
      const domains = planOf(ctx).san.map((n) => n.name);
      const names = [...ctx.leaf.subjectCns.map((c) => c.toLowerCase()), ...sanOf(ctx)];
      return domains.some((d) => names.some((n) => n === d || n.endsWith(`.${d}`)))
        ? [pass("subject", "a SIP domain appears in the subject or SAN")]
        : [fail("warning", "subject", `no SIP domain (${domains.join(", ")}) in subject or SAN; S-S2S expects the OAuth certificate's subject to contain the SIP domain`)];
    },
  },
  {
    id: "COMMON-EXPORT-IF-MOVED",
    source: "S-ADVANCE",
    summary: "private key exportable where the role needs it",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && planOf(ctx).exportableKey,
    check: (ctx) => {
      const rule = planOf(ctx).exportableRules.find((r) => r !== "COMMON-EXPORT-IF-MOVED") ?? "COMMON-EXPORT-IF-MOVED";
      return ctx.keyMatch.status === "match"
        ? [{ rule, ...pass("privateKey", "the private key is in LyncCert's keystore and is exported with the PFX") }]
        : [fail("notice", "privateKey", "a certificate file cannot show whether its private key is exportable; when the key was made elsewhere, mark it exportable there", rule)];
    },
  },
  {
    id: "LC-CDP-LDAP-ONLY",
    source: "S-EXT (Edge and reverse proxy sit outside the domain)",
    summary: "an HTTP CDP for servers outside the domain",
    needsPlan: true,
    applies: (ctx) => hasPlan(ctx) && OUTSIDE_DOMAIN.includes(planOf(ctx).role) && (ctx.leaf.cdpUrls?.length ?? 0) > 0,
    check: ({ leaf }) => {
      const urls = leaf.cdpUrls!;
      return urls.every((u) => u.toLowerCase().startsWith("ldap:"))
        ? [
            fail(
              "warning",
              "cRLDistributionPoints",
              `the only CRL distribution points are LDAP (${urls.join(", ")}); Edge Servers and reverse proxies are outside the domain and cannot reach LDAP, so revocation checks fail (the classic Edge sign-in failure): publish an HTTP CDP on the CA and re-issue`,
            ),
          ]
        : [pass("cRLDistributionPoints", "an HTTP CDP is reachable from outside the domain")];
    },
  },
];

function wildcardOutcomes(plan: CertificatePlan, san: readonly string[]): Outcome[] {
  return san
    .filter((n) => n.includes("*"))
    .map((n) => {
      if (!/^\*\.[^*]+\.[^*]+$/.test(n)) return fail("error", "subjectAltName", `${n} is not a one-label wildcard of the form *.domain.tld`, "WILDCARD-ONE-LABEL");
      if (plan.role === "edge-external") {
        const xmpp = plan.san.some((p) => p.rules.includes("XMPP-SAN-DOMAIN") && n === `*.${p.name}`);
        return xmpp
          ? fail("notice", "subjectAltName", `${n} is the XMPP shape of the Edge scenario summaries (AMB-04); accepted`, "AMB-04")
          : fail("error", "subjectAltName", `${n}: wildcards are not supported on the Edge external certificate (WILDCARD-EDGE-EXT); list every name`, "EDGE-EXT-NO-WILDCARD");
      }
      if (plan.role === "edge-internal") return { rule: "WILDCARD-EDGE-INT", ...pass("subjectAltName", `${n} accepted on the Edge internal certificate (never queried)`) };
      const allowed = wildcardRuleFor(plan.role);
      return allowed
        ? { rule: allowed, ...pass("subjectAltName", `${n} allowed for this role`) }
        : fail(
            "error",
            "subjectAltName",
            `${n}: wildcards are not supported for the ${plan.role} certificate (WILDCARD-OTHER-ROLES)`,
            plan.role === "mediation" ? "MED-WILDCARD" : undefined,
          );
    });
}
