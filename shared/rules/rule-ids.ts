import { REFERENCE_RULES, REFERENCE_SOURCES } from "./reference-rules.generated";

/** A rule id from ../shared/reference/lync-2013-certificates.md; the compiler rejects any other. */
export type ReferenceRuleId = keyof typeof REFERENCE_RULES;

export interface RuleInfo {
  id: string;
  level: string;
  section: string;
  sources: readonly string[];
  text: string;
}

export function referenceRule(id: ReferenceRuleId): RuleInfo {
  return { id, ...REFERENCE_RULES[id] };
}

export function isReferenceRuleId(id: string): id is ReferenceRuleId {
  return Object.hasOwn(REFERENCE_RULES, id);
}

/** The Microsoft documentation page (repository-relative path) behind a source key such as S-INT. */
export function sourcePage(sourceKey: string): string | undefined {
  return REFERENCE_SOURCES[sourceKey];
}
