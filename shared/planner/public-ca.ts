import type { CertificatePlan } from "./plan-types";

/**
 * The certificates that must come from a public CA (EDGE-EXT-CA-PUBLIC, RP-CA-PUBLIC): advice about AD CS
 * templates or configuring the CA does not apply to them, and public CAs' own policies do.
 */
export function needsPublicCa(plan: CertificatePlan | undefined): boolean {
  return plan !== undefined && plan.notes.some((n) => n.rule === "EDGE-EXT-CA-PUBLIC" || n.rule === "RP-CA-PUBLIC");
}
