import type { CertificatePlan } from "../planner/plan-types";
import type { CertificateFacts } from "../x509/certificate-facts";
import type { Chain } from "../x509/chain";

export type FindingStatus = "pass" | "na" | "notice" | "warning" | "error";

/** The errors and warnings of a check, each as "RULE-ID: message": what an admin is told before acting. */
export function loudFindings(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.status === "error" || f.status === "warning").map((f) => `${f.rule}: ${f.message}`);
}

/** One result of one rule, pointing at the field it is about (zlint/pkilint style). */
export interface Finding {
  rule: string;
  status: FindingStatus;
  message: string;
  field: string;
}

export type KeyMatch = { status: "match"; requestId: string } | { status: "no-match"; requestsChecked: number; required: boolean } | { status: "not-checked"; why: string };

export interface ValidationContext {
  leaf: CertificateFacts;
  /** Leaf first, as far as the certificates given and the trust anchors reach. */
  chain: Chain;
  at: Date;
  plan: CertificatePlan | undefined;
  keyMatch: KeyMatch;
}

export type Outcome = Omit<Finding, "rule"> & { rule?: string };

/**
 * A rule as data: its id (from the reference, or X509-/LC- for LyncCert's own), the source a reader
 * checks it against, whether it needs the topology, when it applies, and the check.
 */
export interface Rule {
  id: string;
  source: string;
  summary: string;
  needsPlan: boolean;
  applies(ctx: ValidationContext): boolean;
  check(ctx: ValidationContext): Outcome[];
}

export const pass = (field: string, message: string): Outcome => ({ status: "pass", field, message });
export const fail = (status: FindingStatus, field: string, message: string, rule?: string): Outcome => ({ status, field, message, ...(rule ? { rule } : {}) });
