import { planCertificate } from "../planner/plan";
import type { CertificatePlan } from "../planner/plan-types";
import type { Site } from "../site/site-types";
import { coverage, missingStatus } from "../validator/rules/san-coverage";

/**
 * What the site needs now that a request planned earlier lacks: a changed subject, or required names (a
 * new SIP domain, a renamed pool) that its SAN does not cover. Undefined when the old plan still serves.
 */
export function siteDrift(site: Site, stored: CertificatePlan): string | undefined {
  let now: CertificatePlan;
  try {
    now = planCertificate(site, {
      role: stored.role,
      ...(stored.role === "oauth-token-issuer" || stored.role === "reverse-proxy" ? {} : { server: stored.server ?? undefined }),
      types: stored.types.length ? stored.types : undefined,
      wildcards: stored.wildcards,
    });
  } catch (e) {
    return `the site no longer plans this certificate (${(e as Error).message})`;
  }
  if (now.cn !== stored.cn && !now.acceptedCns.some((a) => a.name === stored.cn)) return `the site now plans the subject ${now.cn}, not ${stored.cn}`;
  const names = stored.san.map((n) => n.name);
  const missing = now.san.filter(
    (n) => !n.optional && missingStatus(n.rules) === "error" && coverage(n, names, now.role).by === "missing" && !(n.alternatives ?? []).some((a) => names.includes(a)),
  );
  return missing.length ? `the site now needs ${missing.map((n) => n.name).join(", ")}, which the request lacks` : undefined;
}
