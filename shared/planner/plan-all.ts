import { CERT_ROLES, type RoleId } from "../roles/cert-roles";
import type { CertType } from "../roles/cert-types";
import type { Site } from "../site/site-types";
import { planCertificate } from "./plan";
import type { CertificatePlan, PlanRequest } from "./plan-types";

export interface BatchOptions {
  /** Separate Default / WebServicesInternal / WebServicesExternal certificates instead of the combined one. */
  separate?: boolean;
  wildcards?: boolean;
}

/** Roles whose Default and web services certificates may be separate. */
export const SEPARABLE: readonly RoleId[] = ["standard-edition", "front-end", "director"];
const SEPARATE_TYPES: readonly CertType[][] = [["Default"], ["WebServicesInternal"], ["WebServicesExternal"]];

/** Every certificate the topology needs: each role, each server or pool, separate or combined. */
export function planRequestsForSite(site: Site, options: BatchOptions = {}): PlanRequest[] {
  const requests: PlanRequest[] = [];
  for (const role of CERT_ROLES) {
    const targets =
      role.scope === "deployment"
        ? (role.id === "reverse-proxy" && !site.pools.some((p) => (p.role === "front-end" || p.role === "standard-edition") && p.externalWebFqdn)) ||
          (role.id === "office-web-apps" && !site.officeWebApps)
          ? []
          : [undefined]
        : site.pools.filter((p) => p.role === role.poolRole).flatMap((p) => (role.scope === "pool" ? [p.fqdn] : p.servers));
    for (const server of targets) {
      const typeSets = options.separate && SEPARABLE.includes(role.id) ? SEPARATE_TYPES : [undefined];
      for (const types of typeSets) {
        requests.push({ role: role.id, ...(server ? { server } : {}), ...(types ? { types } : {}), wildcards: options.wildcards ?? false });
      }
    }
  }
  return requests;
}

export function planSite(site: Site, options: BatchOptions = {}): CertificatePlan[] {
  return planRequestsForSite(site, options).map((r) => planCertificate(site, r));
}
