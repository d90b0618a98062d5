import type { CertificatePlan, PlanRequest } from "./plan-types";

/**
 * The .req file of one certificate of a batch: role, the full name of the server (or pool, or the certificate's
 * name for deployment-wide ones: fe01.contoso.net and fe01.fabrikam.net never collide), and the usages when the
 * certificates of that server are separate. Readable, and unique per certificate of a site.
 */
export function requestFileName(plan: CertificatePlan, request: PlanRequest): string {
  const who = plan.server ?? plan.pool ?? plan.cn;
  return `${plan.role}-${who.replace(/^\*\./, "wildcard.")}${request.types ? `-${request.types.join("-")}` : ""}.req`;
}
