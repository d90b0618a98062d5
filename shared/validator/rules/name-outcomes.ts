import type { CertificatePlan } from "../../planner/plan-types";
import { referenceRule } from "../../rules/rule-ids";
import { fail, pass, type Outcome } from "../finding";
import { coverage, matchesWildcard, missingStatus, wildcardRuleFor } from "./san-coverage";

/** What to do about a wrong name: on a certificate a re-issue; on a request, what the CA would have to change. */
export interface Remedy {
  subject: (cn: string) => string;
  name: string;
}

export const CERTIFICATE_REMEDY: Remedy = { subject: (cn) => `re-issue with CN=${cn}`, name: "request a re-issue that includes it" };
export const REQUEST_REMEDY: Remedy = {
  subject: (cn) => `make a new request with CN=${cn} (a CA that keeps the request's subject would issue it wrong)`,
  name: "the CA would have to add it; make a new request that includes it",
};

/** The subject against the plan (WILDCARD-NO-CN, the role's -SN rule and its documented alternatives, AMB-05). */
export function subjectOutcomes(plan: CertificatePlan, cns: readonly string[], san: readonly string[], remedy: Remedy): Outcome[] {
  const cn = cns[cns.length - 1]?.toLowerCase();
  // A CN-less subject is what CN-less public profiles issue (Let's Encrypt "tlsserver"); on the Edge external
  // certificate AMB-17 makes another subject a warning, since the subject rule is only "recommended" there.
  if (cn === undefined && plan.role === "edge-external")
    return [
      fail(
        "warning",
        "subject.CN",
        `the subject has no CN; CN=${plan.cn} is recommended for compatibility (AMB-17): order the CA's profile that keeps the CN (Let's Encrypt: "classic", not "tlsserver")`,
        "AMB-17",
      ),
    ];
  if (cn === undefined) return [fail("error", "subject.CN", `the subject has no CN; expected CN=${plan.cn}`, plan.cnRules[0])];
  if (cn.includes("*")) return [fail("error", "subject.CN", `the subject CN ${cn} is a wildcard; no role allows one: ${remedy.subject(plan.cn)}`)];
  if (plan.role === "oauth-token-issuer") return [{ rule: plan.cnRules[0], ...pass("subject.CN", `CN=${cn}`) }];
  const out: Outcome[] = [];
  const alt = plan.acceptedCns.find((a) => a.name === cn);
  if (cn === plan.cn) out.push({ rule: plan.cnRules[0], ...pass("subject.CN", `CN=${cn}`) });
  else if (plan.namesAdvisory) out.push(fail("notice", "subject.CN", `CN=${cn}, LyncCert suggests CN=${plan.cn}; ${advisoryWhy(plan.namesAdvisory)}`, plan.namesAdvisory));
  else if (alt)
    out.push(
      alt.status === "pass"
        ? { rule: alt.rule, ...pass("subject.CN", `CN=${cn} (accepted: ${alt.rule})`) }
        : fail("warning", "subject.CN", `CN=${cn}; the rules ask for CN=${plan.cn}, the documented examples accept ${cn} (${alt.rule})`, alt.rule),
    );
  else if (plan.role === "edge-external") out.push(fail("warning", "subject.CN", `CN=${cn}; the Access Edge FQDN ${plan.cn} is recommended for compatibility (AMB-17)`, "AMB-17"));
  else out.push(fail("error", "subject.CN", `CN=${cn}, expected CN=${plan.cn}: ${remedy.subject(plan.cn)}`, plan.cnRules[0]));
  // Where the plan repeats the subject in the SAN, a missing one is CONV-SET's error; where the documented list
  // does not (SBA, Web external: AMB-05), a certificate issued as documented is not faulted.
  if (!san.includes(cn) && plan.role !== "edge-internal" && !plan.san.some((n) => n.name === cn)) {
    out.push(
      fail(
        "notice",
        "subjectAltName",
        `the subject ${cn} is not repeated in the SAN, as the documented list for this certificate has it; TLS clients read only the SAN (AMB-05)`,
        "AMB-05",
      ),
    );
  }
  return out;
}

export function requiredNameOutcomes(plan: CertificatePlan, san: readonly string[], remedy: Remedy): Outcome[] {
  return plan.san.map((name) => {
    const found = coverage(name, san, plan.role);
    const rule = name.rules[0];
    if (found.by === "exact") return { rule, ...pass("subjectAltName", `${name.name} present`) };
    if (found.by === "wildcard") {
      const admin = name.rules.some((r) => r.endsWith("-SAN-ADMIN"));
      return admin
        ? fail("warning", "subjectAltName", `${name.name} (Admin URL) is covered only by ${found.wildcard}; test the Control Panel URL (AMB-07)`, "AMB-07")
        : { rule: wildcardRuleFor(plan.role), ...pass("subjectAltName", `${name.name} covered by ${found.wildcard}`) };
    }
    const alternative = name.alternatives?.find((a) => san.includes(a));
    if (alternative) return { rule: "AMB-04", ...pass("subjectAltName", `${name.name} is represented by ${alternative}, a documented shape (AMB-04)`) };
    if (plan.role === "edge-internal")
      return fail(
        "notice",
        "subjectAltName",
        `${name.name} is not in the SAN; the Edge internal interface needs no SAN, but modern TLS clients ignore the subject`,
        "EDGE-INT-SAN",
      );
    if (plan.namesAdvisory) return fail("notice", "subjectAltName", `${name.name} is not in the SAN; ${advisoryWhy(plan.namesAdvisory)}`, plan.namesAdvisory);
    if (name.optional) return fail("notice", "subjectAltName", `${name.name} is not in the SAN, which is fine: ${name.optional}`, rule);
    const because = name.because ? `, because ${name.because}` : "";
    return fail(missingStatus(name.rules), "subjectAltName", `SAN is missing ${name.name} (required by ${name.rules.join(", ")}${because}): ${remedy.name}`, rule);
  });
}

/** Why a name mismatch is only a notice where names are advisory. */
function advisoryWhy(rule: string): string {
  return rule === "EDGE-AV-NAMES"
    ? "A/V Authentication uses neither subject nor SAN, so any valid name works (EDGE-AV-NAMES): no re-issue needed"
    : "no subject or SAN rule is documented for this certificate; LyncCert's names are a heuristic (unconfirmed)";
}

/** Names beyond the plan: notices, never faults (CONV-REQUIRED-VS-EXTRA); allowed wildcards and documented shapes are not extra. */
export function extraNameOutcomes(plan: CertificatePlan, san: readonly string[]): Outcome[] {
  const planned = new Set(plan.san.flatMap((n) => [n.name, ...(n.alternatives ?? [])]));
  const extras = san.filter((n) => !planned.has(n) && !(n.startsWith("*.") && plan.san.some((p) => p.wildcardable && matchesWildcard(n, p.name))));
  return extras.length
    ? extras.map((n) => {
        const unwanted = plan.unwanted?.find((u) => u.name === n);
        if (!unwanted) return fail("notice", "subjectAltName", `extra name ${n} is not required for this role; harmless unless unintended`);
        // MUST rules (only this member) fault the certificate; the informational ones (RP-NO-ADMIN) say why the name is out of place.
        return fail(referenceRule(unwanted.rule).level.startsWith("MUST") ? "error" : "notice", "subjectAltName", `${unwanted.why}: leave it out`, unwanted.rule);
      })
    : [pass("subjectAltName", "no names beyond the plan")];
}
