import type { ReferenceRuleId } from "../rules/rule-ids";
import { parentDomain } from "../site/host-name";
import type { PlannedName } from "./plan-types";

interface Entry {
  rules: Set<ReferenceRuleId>;
  /** A simple URL or lyncdiscover name that a wildcard may stand in for (WILDCARD-KEEP-EXPLICIT). */
  wildcardable: boolean;
  /** The site's condition that makes a conditional rule ("MUST (if …)") require the name. */
  because?: string;
  /** Added though no rule requires it here, and why; a certificate without it is not faulted. */
  optional?: string;
  /** Other names that satisfy this one (the documented shapes of AMB-04). */
  alternatives?: string[];
}

/** How a name is required: because of a site condition, not at all (optional), or with documented alternatives. */
export interface NameTerms {
  because?: string;
  optional?: string;
  alternatives?: string[];
}

/** A SAN list as a set (CONV-SET): duplicates collapse and keep every rule that asked for them. */
export class SanSet {
  private readonly entries = new Map<string, Entry>();

  add(name: string, ...rules: ReferenceRuleId[]): this {
    return this.put(name, rules, false);
  }

  /** Adds a name that `withWildcards` may replace by `*.<parent>`. */
  addWildcardable(name: string, ...rules: ReferenceRuleId[]): this {
    return this.put(name, rules, true);
  }

  addAll(names: readonly string[], ...rules: ReferenceRuleId[]): this {
    names.forEach((n) => this.add(n, ...rules));
    return this;
  }

  /** Adds names under terms: the condition that requires them, or why they are only offered. */
  addWithTerms(names: readonly string[], terms: NameTerms | ((name: string) => NameTerms), ...rules: ReferenceRuleId[]): this {
    names.forEach((n) => this.put(n, rules, false, typeof terms === "function" ? terms(n) : terms));
    return this;
  }

  addAllWildcardable(names: readonly string[], ...rules: ReferenceRuleId[]): this {
    names.forEach((n) => this.addWildcardable(n, ...rules));
    return this;
  }

  merge(other: SanSet): this {
    for (const [name, entry] of other.entries) this.put(name, [...entry.rules], entry.wildcardable, entry);
    return this;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * Replaces each wildcardable name by `*.<its parent domain>` (one label, WILDCARD-ONE-LABEL), keeping
   * every explicit name, and cites `wildcardRule` beside the rules of the names it covers.
   */
  withWildcards(wildcardRule: ReferenceRuleId): SanSet {
    const out = new SanSet();
    for (const [name, entry] of this.entries) {
      if (entry.wildcardable && name.split(".").length >= 3) out.put(`*.${parentDomain(name)}`, [...entry.rules, wildcardRule, "WILDCARD-ONE-LABEL"], false, entry);
      else out.put(name, [...entry.rules], entry.wildcardable, entry);
    }
    return out;
  }

  list(): PlannedName[] {
    return [...this.entries].map(([name, e]) => ({
      name,
      rules: [...e.rules],
      ...(e.wildcardable ? { wildcardable: true as const } : {}),
      ...(e.because ? { because: e.because } : {}),
      ...(e.optional ? { optional: e.optional } : {}),
      ...(e.alternatives ? { alternatives: e.alternatives } : {}),
    }));
  }

  /** A name asked for twice keeps every rule; it is optional only if every request for it was. */
  private put(name: string, rules: readonly ReferenceRuleId[], wildcardable: boolean, terms: NameTerms = {}): this {
    const key = name.toLowerCase();
    const entry = this.entries.get(key);
    if (entry) {
      rules.forEach((r) => entry.rules.add(r));
      entry.wildcardable &&= wildcardable;
      entry.because ??= terms.because;
      if (!terms.optional) delete entry.optional;
      if (terms.alternatives) entry.alternatives = [...(entry.alternatives ?? []), ...terms.alternatives];
    } else {
      this.entries.set(key, { rules: new Set(rules), wildcardable, ...terms });
    }
    return this;
  }
}
