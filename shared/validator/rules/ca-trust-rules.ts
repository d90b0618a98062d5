import type { CertificatePlan } from "../../planner/plan-types";
import { fail, pass, type Outcome, type Rule, type ValidationContext } from "../finding";

const role = (ctx: ValidationContext): CertificatePlan["role"] | undefined => ctx.plan?.role;
const isEdgeExternal = (ctx: ValidationContext) => role(ctx) === "edge-external" && ctx.plan!.types.some((t) => t === "AccessEdgeExternal" || t === "DataEdgeExternal");

/** Where the chain ends: a public root (Mozilla's store, through Node) or a root only the admin's servers trust. */
function publicOrPrivate(ctx: ValidationContext, whenPrivate: Outcome["status"], why: string, rule: string): Outcome[] {
  const { chain } = ctx;
  if (chain.anchor) return [{ rule, ...pass("issuer", `issued under the public root "${chain.anchor.subject}"`) }];
  const top = chain.links[chain.links.length - 1]!.cert;
  return [fail(whenPrivate, "issuer", `the chain ends in "${top.selfIssued ? top.subject : top.issuer}", which is not a public root: ${why}`, rule)];
}

/** Which CA the certificate comes from, where it matters (§9.1, §10, §8). */
export const CA_TRUST_RULES: Rule[] = [
  {
    id: "EDGE-EXT-CA-PUBLIC",
    source: "S-EXT",
    summary: "Edge external certificate from a public CA",
    needsPlan: true,
    applies: isEdgeExternal,
    check: (ctx) =>
      publicOrPrivate(
        ctx,
        "warning",
        "federation partners, public IM providers and remote clients will not trust the Access Edge; request it from a public CA that supports SAN",
        "EDGE-EXT-CA-PUBLIC",
      ),
  },
  {
    id: "RP-CA-PUBLIC",
    source: "S-RP-SUM",
    summary: "reverse proxy certificate from a public CA",
    needsPlan: true,
    applies: (ctx) => role(ctx) === "reverse-proxy",
    check: (ctx) =>
      publicOrPrivate(ctx, "notice", "remote clients, mobile devices and phones must trust that root, or the reverse proxy needs a public certificate", "RP-CA-PUBLIC"),
  },
  {
    id: "MOB-TRUST",
    source: "S-AUTOD-CERT",
    summary: "mobile devices trust the root of the Autodiscover names",
    needsPlan: true,
    applies: (ctx) =>
      (role(ctx) === "front-end" || role(ctx) === "director" || role(ctx) === "standard-edition") && ctx.plan!.san.some((n) => n.rules.includes("MOB-SAN-LYNCDISCOVERINTERNAL")),
    check: (ctx) =>
      publicOrPrivate(
        ctx,
        "notice",
        "mobile devices on the internal Wi-Fi must trust the internal root chain to use lyncdiscoverinternal (or use public certificates)",
        "MOB-TRUST",
      ),
  },
];
