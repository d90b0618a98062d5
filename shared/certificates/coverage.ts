import type { CertificatePlan } from "../planner/plan-types";

/** What a request or certificate is for, as lists and plans name it. */
export interface CertificateTarget {
  role: string;
  server: string | null;
  types: readonly string[];
}

/** The very certificate a plan describes: the same role, server and usages (in any order). */
export function sameCertificate(request: CertificateTarget, plan: CertificatePlan): boolean {
  return covers(request, plan) && request.types.length === plan.types.length;
}

/** The same role and server, with every usage the plan needs: a combined certificate covers each part of a separate plan. */
export function covers(request: CertificateTarget, plan: CertificatePlan): boolean {
  return request.role === plan.role && (request.server ?? null) === (plan.server ?? null) && plan.types.every((t) => request.types.includes(t));
}
