import type { CertificatePlan } from "../planner/plan-types";
import type { CertificateFacts } from "../x509/certificate-facts";
import type { Chain } from "../x509/chain";

export type FindingStatus = "pass" | "na" | "notice" | "warning" | "error";

/** One result of one rule, pointing at the field it is about (zlint/pkilint style). */
export interface Finding {
  rule: string;
  status: FindingStatus;
  message: string;
  field: string;
}

export type KeyMatch =
  | { status: "match"; requestId: string }
  | { status: "no-match"; requestsChecked: number; required: boolean }
  | { status: "not-checked"; why: string };

export interface ValidationContext {
  leaf: CertificateFacts;
  /** Undefined when no issuer certificate was given and the leaf is not self-signed. */
  chain: Chain | undefined;
  at: Date;
  plan: CertificatePlan | undefined;
  keyMatch: KeyMatch;
  /** A TLS server need not send its root: then a missing root is a notice, a missing intermediate still an error. */
  rootMayBeAbsent: boolean;
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
