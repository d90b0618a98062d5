import type { PlannedName } from "../../shared/planner/plan-types";
import { appWords } from "./field-labels";
import { referenceRule } from "../../shared/rules/rule-ids";

/** Why a name is in the request, in the reference's own words (its first sentence); the rule ids stay beside it as tags. */
export function nameReason(n: PlannedName): string {
  if (n.optional) return `Offered: ${n.optional}`;
  const rule = n.rules[0];
  const text = rule ? referenceRule(rule).text.replace(/[`*]/g, "") : "";
  const first = /^(.*?\.)(\s|$)/.exec(text)?.[1] ?? text;
  return n.because ? `${first} (${n.because})` : first;
}

/** A kept finding ("RULE-ID: message") as the app shows it: the reason in the app's words first, its rule id as a tag. */
export function findingParts(kept: string): { message: string; rule: string | undefined } {
  const m = /^([A-Z0-9][A-Z0-9-]+): ([\s\S]*)$/.exec(kept);
  return m ? { message: appWords(m[2]!), rule: m[1] } : { message: appWords(kept), rule: undefined };
}
