import type { CertificatePlan, PlannedName } from "../../planner/plan-types";
import { referenceRule, type ReferenceRuleId } from "../../rules/rule-ids";
import { parentDomain } from "../../site/host-name";
import type { FindingStatus } from "../finding";

/** Roles on which a wildcard SAN may stand in for simple URL and lyncdiscover names. */
const WILDCARD_RULE: Partial<Record<CertificatePlan["role"], ReferenceRuleId>> = {
  "standard-edition": "WILDCARD-FE-WEB",
  "front-end": "WILDCARD-FE-WEB",
  director: "WILDCARD-DIR-WEB",
  "reverse-proxy": "RP-WILDCARD",
};

export function wildcardRuleFor(role: CertificatePlan["role"]): ReferenceRuleId | undefined {
  return WILDCARD_RULE[role];
}

/** How a required name is present: exactly, through an allowed wildcard, or not at all. */
export function coverage(name: PlannedName, san: readonly string[], role: CertificatePlan["role"]): { by: "exact" | "wildcard" | "missing"; wildcard?: string } {
  if (san.includes(name.name)) return { by: "exact" };
  const wildcard = `*.${parentDomain(name.name)}`;
  if (name.wildcardable && wildcardRuleFor(role) && san.includes(wildcard)) return { by: "wildcard", wildcard };
  return { by: "missing" };
}

/** A missing name is as serious as the strongest rule that asked for it: MUST → error, SHOULD → warning. */
export function missingStatus(rules: readonly ReferenceRuleId[]): FindingStatus {
  const levels = rules.map((r) => referenceRule(r).level);
  if (levels.some((l) => l.startsWith("MUST"))) return "error";
  if (levels.some((l) => l.startsWith("SHOULD"))) return "warning";
  return "notice";
}

/** True when `name` is covered by the wildcard `pattern` (one label, WILDCARD-ONE-LABEL). */
export function matchesWildcard(pattern: string, name: string): boolean {
  return pattern.startsWith("*.") && parentDomain(name) === pattern.slice(2) && !name.slice(0, name.indexOf(".")).includes("*");
}
