import type { CertificatePlan } from "../planner/plan-types";
import { certRole } from "../roles/cert-roles";

/**
 * A friendly name that is readable and unique in the computer store (COMMON-FRIENDLY-UNIQUE): role,
 * server, issue date and the start of the thumbprint.
 */
export function defaultFriendlyName(plan: CertificatePlan, thumbprint: string, notBefore: Date): string {
  return `LyncCert ${plan.role} ${plan.server ?? plan.cn} ${notBefore.toISOString().slice(0, 10)} ${thumbprint.slice(0, 8)}`;
}

/**
 * The friendly name a certreq INF asks for, before there is a thumbprint: role, server, the usages when the
 * certificate carries part of its role's (A/V Authentication apart, separate web certificates), and the
 * date and time of the request, so renewals and both A/V layouts never repeat one (COMMON-FRIENDLY-UNIQUE).
 */
export function requestFriendlyName(plan: CertificatePlan, at: Date): string {
  const usagesApart = !certRole(plan.role).defaultTypes.every((t) => plan.types.includes(t));
  return `LyncCert ${plan.role} ${plan.server ?? plan.cn}${usagesApart ? ` ${plan.types.join("+")}` : ""} ${at.toISOString().slice(0, 16).replace("T", " ")}`;
}
