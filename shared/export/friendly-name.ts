import type { CertificatePlan } from "../planner/plan-types";

/**
 * A friendly name that is readable and unique in the computer store (COMMON-FRIENDLY-UNIQUE): role,
 * server, issue date and the start of the thumbprint.
 */
export function defaultFriendlyName(plan: CertificatePlan, thumbprint: string, notBefore: Date): string {
  return `LyncCert ${plan.role} ${plan.server ?? plan.cn} ${notBefore.toISOString().slice(0, 10)} ${thumbprint.slice(0, 8)}`;
}
