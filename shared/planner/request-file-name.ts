import { certRole } from "../roles/cert-roles";
import type { CertificatePlan } from "./plan-types";

/**
 * The .req file of one certificate of a batch: role, the full name of the server (or pool, or the certificate's
 * name for deployment-wide ones: fe01.contoso.net and fe01.fabrikam.net never collide), and the usages when the
 * certificate is one of several parts of the role's usual one (separate Default and web services, a decoupled A/V
 * Authentication). Readable, and unique per certificate of a site; a renewal is named as the first request was.
 */
export function requestFileName(plan: CertificatePlan): string {
  const who = plan.server ?? plan.pool ?? plan.cn;
  const part = !certRole(plan.role).defaultTypes.every((t) => plan.types.includes(t));
  return `${plan.role}-${who.replace(/^\*\./, "wildcard.")}${part ? `-${plan.types.join("-")}` : ""}.req`;
}
