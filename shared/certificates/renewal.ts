import { certRole } from "../roles/cert-roles";
import type { CertificatePlan, PlanRequest } from "../planner/plan-types";
import { rollLeadHours } from "../export/powershell-sections";

/** The request that renews a certificate: the same role, server, usages and wildcard choice, planned from today's site. */
export function renewalRequest(old: CertificatePlan): PlanRequest {
  const scope = certRole(old.role).scope;
  return {
    role: old.role,
    ...(scope === "deployment" || old.server === null ? {} : { server: old.server }),
    ...(old.types.length ? { types: [...old.types] } : {}),
    wildcards: old.wildcards,
  };
}

export interface NameChanges {
  subject: { from: string; to: string } | undefined;
  /** Names the renewal carries that the old certificate did not. */
  added: string[];
  /** Names of the old certificate the site no longer plans. */
  removed: string[];
  /** The usage a renewal is staged for with -Roll (A/V Authentication, OAuthTokenIssuer), with its lead time in hours. */
  roll: { hours: number; rule: string } | undefined;
}

/** What a renewal changes against the old certificate (its subject and SAN as issued, or as planned while pending). */
export function nameChanges(old: { cn: string; names: readonly string[] }, renewed: CertificatePlan): NameChanges {
  const now = renewed.san.map((n) => n.name);
  const hours = rollLeadHours(renewed);
  return {
    subject: old.cn === renewed.cn ? undefined : { from: old.cn, to: renewed.cn },
    added: now.filter((n) => !old.names.includes(n)),
    removed: old.names.filter((n) => !now.includes(n)),
    roll: hours ? { hours, rule: hours === 8 ? "EDGE-AV-ROLL-LEAD" : "OAUTH-ROLL-LEAD" } : undefined,
  };
}

/** The changes in words, for the command line and the app alike. */
export function changeLines(c: NameChanges): string[] {
  return [
    c.subject ? `Subject: CN=${c.subject.from} becomes CN=${c.subject.to}.` : "Subject: unchanged.",
    ...(c.added.length ? [`Names added (the site needs them now): ${c.added.join(", ")}`] : []),
    ...(c.removed.length ? [`Names dropped (the site no longer plans them): ${c.removed.join(", ")}`] : []),
    ...(!c.added.length && !c.removed.length ? ["Names: the same as the old certificate's."] : []),
  ];
}

/** The usages as the CA's console shows them, with their OIDs. */
const EKU_WORDS: Record<CertificatePlan["eku"][number], string> = {
  serverAuth: "Server Authentication (1.3.6.1.5.5.7.3.1)",
  clientAuth: "Client Authentication (1.3.6.1.5.5.7.3.2)",
};

/**
 * The note a re-issue goes to the CA with: what the old certificate lacked, so the CA admin issues the new
 * request differently (another template, the missing names). Null for a renewal of a certificate without errors.
 */
export function reissueNote(old: { id: string; thumbprint: string; findings: readonly string[]; errors: number }, renewed: CertificatePlan, changes: NameChanges): string | null {
  if (old.errors === 0) return null;
  return (
    [
      `Re-issue for ${renewed.server ?? renewed.cn} (${renewed.role}): a new key and request replace certificate ${old.thumbprint} (request ${old.id}).`,
      "",
      `What the old certificate lacked: ${old.errors} error(s); its errors and warnings, each with its rule id from the Lync certificate reference:`,
      ...old.findings.map((f) => `- ${f}`),
      "",
      "The new request asks for:",
      `- Subject CN=${renewed.cn}`,
      `- Subject alternative names: ${renewed.san.map((n) => n.name).join(", ")}`,
      `- Extended key usage: ${renewed.eku.map((e) => EKU_WORDS[e]).join(", ")}`,
      ...changeLines(changes).map((l) => `- ${l}`),
      "",
      "Please issue it with every name and usage as requested (a template that takes the names from the request).",
    ].join("\r\n") + "\r\n"
  );
}
