import type { ValidationReport } from "../validator/validate";
import { shownName } from "../x509/names";

/**
 * The states an admin acts on: waiting for the CA, needs re-issue (the validator found errors at import),
 * chain incomplete (the issuing CA's certificate is missing: import it), issued with warnings (usable; read
 * them), valid, expiring (renew now), expired, and replaced (a renewal or re-issue of it has been issued).
 * Every view words a certificate with this one function.
 */
export type CertificateState = "pending" | "replaced" | "needs-reissue" | "chain-incomplete" | "warnings" | "valid" | "expiring" | "expired";

export const EXPIRING_DAYS = 30;
const DAY = 86_400_000;

/**
 * When a certificate starts "expiring": in the last third of its own lifetime, at most 30 days before it ends.
 * Public TLS certificates last at most 200 days since 2026-03-15 (100 from 2027-03-15, 47 from 2029-03-15,
 * CA/B Forum SC-081v3) and Let's Encrypt's go to 64 and 45: a flat 30 days would call a 45-day certificate
 * expiring two weeks after issue. Without its start date (records kept before it was), 30 days.
 */
export function expiringWindowDays(notBefore: string | null | undefined, notAfter: string): number {
  if (!notBefore) return EXPIRING_DAYS;
  const lifetimeDays = (Date.parse(notAfter) - Date.parse(notBefore)) / DAY;
  return Math.min(EXPIRING_DAYS, lifetimeDays / 3);
}

export interface StateSource {
  status: "pending" | "issued";
  /** The certificate's start, where it is known: the expiring window is a third of its lifetime. */
  notBefore?: string | null;
  notAfter: string | null;
  /** Validator errors and warnings of the current certificate at import; null while pending (or unknown, for warnings of older records). */
  errors: number | null;
  warnings: number | null;
  /** The issuing CA whose certificate is missing, when the chain could not be completed. */
  issuerMissing?: string | null;
  /** The request whose certificate, issued, renews or re-issues this one. */
  replacedBy?: string | null;
}

export interface StateOf {
  state: CertificateState;
  /** Whole days until the certificate expires (negative once expired); undefined while pending. */
  daysLeft: number | undefined;
  label: string;
}

export const STATE_WORDS: Record<CertificateState, string> = {
  pending: "waiting for the CA",
  replaced: "replaced",
  "needs-reissue": "needs re-issue",
  "chain-incomplete": "chain incomplete",
  warnings: "issued, with warnings",
  valid: "valid",
  expiring: "expiring",
  expired: "expired",
};

/** A replaced certificate is history; then errors (a faulty certificate is never "valid" however long it lasts), expiry, the chain, warnings. */
function stateOf(r: StateSource, daysLeft: number): CertificateState {
  if (r.replacedBy) return "replaced";
  if (r.errors) return "needs-reissue";
  if (daysLeft < 0) return "expired";
  if (r.issuerMissing) return "chain-incomplete";
  if (daysLeft < expiringWindowDays(r.notBefore, r.notAfter!)) return "expiring";
  return r.warnings ? "warnings" : "valid";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What follows the state's word: what to act on. */
const DETAIL: Partial<Record<CertificateState, (r: StateSource, daysLeft: number) => string>> = {
  replaced: (r) => ` by ${r.replacedBy}`,
  "needs-reissue": (r) => `: ${plural(r.errors!, "error")}`,
  expiring: (_r, daysLeft) => `: ${plural(daysLeft, "day")} left`,
  warnings: (r) => `: ${r.warnings}`,
  "chain-incomplete": (r) => `: import the certificate of ${shownName(r.issuerMissing!)}`,
};

export function certificateState(r: StateSource, now: Date): StateOf {
  if (r.status === "pending" || !r.notAfter) return { state: "pending", daysLeft: undefined, label: STATE_WORDS.pending };
  const daysLeft = Math.floor((Date.parse(r.notAfter) - now.getTime()) / DAY);
  const state = stateOf(r, daysLeft);
  return { state, daysLeft, label: `${STATE_WORDS[state]}${DETAIL[state]?.(r, daysLeft) ?? ""}` };
}

/** The state of a certificate just checked (an import's verdict), in the same words. */
export function reportState(report: Pick<ValidationReport, "certificate" | "errors" | "warnings" | "issuerMissing">, now: Date): StateOf {
  const { notBefore, notAfter } = report.certificate;
  return certificateState({ status: "issued", notBefore, notAfter, errors: report.errors, warnings: report.warnings, issuerMissing: report.issuerMissing }, now);
}
