import type { ReferenceRuleId } from "../rules/rule-ids";
import { parentDomain } from "../site/host-name";
import type { PlannedName } from "./plan-types";

interface Entry {
  rules: Set<ReferenceRuleId>;
  /** A simple URL or lyncdiscover name that a wildcard may stand in for (WILDCARD-KEEP-EXPLICIT). */
  wildcardable: boolean;
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

  addAllWildcardable(names: readonly string[], ...rules: ReferenceRuleId[]): this {
    names.forEach((n) => this.addWildcardable(n, ...rules));
    return this;
  }

  merge(other: SanSet): this {
    for (const [name, entry] of other.entries) this.put(name, [...entry.rules], entry.wildcardable);
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
      if (entry.wildcardable && name.split(".").length >= 3) out.put(`*.${parentDomain(name)}`, [...entry.rules, wildcardRule, "WILDCARD-ONE-LABEL"], false);
      else out.put(name, [...entry.rules], entry.wildcardable);
    }
    return out;
  }

  list(): PlannedName[] {
    return [...this.entries].map(([name, e]) => ({ name, rules: [...e.rules], ...(e.wildcardable ? { wildcardable: true as const } : {}) }));
  }

  private put(name: string, rules: readonly ReferenceRuleId[], wildcardable: boolean): this {
    const key = name.toLowerCase();
    const entry = this.entries.get(key);
    if (entry) {
      rules.forEach((r) => entry.rules.add(r));
      entry.wildcardable &&= wildcardable;
    } else {
      this.entries.set(key, { rules: new Set(rules), wildcardable });
    }
    return this;
  }
}
