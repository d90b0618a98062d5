/**
 * The states an admin acts on: waiting for the CA, needs re-issue (the validator found errors at import),
 * issued with warnings (usable; read them), valid, expiring (renew now), expired.
 */
export type CertificateState = "pending" | "needs-reissue" | "warnings" | "valid" | "expiring" | "expired";

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
}

export interface StateOf {
  state: CertificateState;
  /** Whole days until the certificate expires (negative once expired); undefined while pending. */
  daysLeft: number | undefined;
  label: string;
}

export const STATE_WORDS: Record<CertificateState, string> = {
  pending: "waiting for the CA",
  "needs-reissue": "needs re-issue",
  warnings: "issued, with warnings",
  valid: "valid",
  expiring: "expiring",
  expired: "expired",
};

/** Errors come first (a faulty certificate is never "valid" however long it lasts), then expiry, then warnings. */
export function certificateState(r: StateSource, now: Date): StateOf {
  if (r.status === "pending" || !r.notAfter) return { state: "pending", daysLeft: undefined, label: STATE_WORDS.pending };
  const daysLeft = Math.floor((Date.parse(r.notAfter) - now.getTime()) / DAY);
  const state: CertificateState = r.errors
    ? "needs-reissue"
    : daysLeft < 0
      ? "expired"
      : daysLeft < expiringWindowDays(r.notBefore, r.notAfter)
        ? "expiring"
        : r.warnings
          ? "warnings"
          : "valid";
  const detail =
    state === "needs-reissue"
      ? `: ${r.errors} error${r.errors === 1 ? "" : "s"}`
      : state === "expiring"
        ? `: ${daysLeft} day${daysLeft === 1 ? "" : "s"} left`
        : state === "warnings"
          ? `: ${r.warnings}`
          : "";
  return { state, daysLeft, label: `${STATE_WORDS[state]}${detail}` };
}
