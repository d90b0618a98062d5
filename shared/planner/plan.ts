import { InputError } from "../errors";
import { certRole } from "../roles/cert-roles";
import type { Site } from "../site/site-types";
import { planEdgeExternalNames, planEdgeInternalNames, requireEdgeNames } from "./edge";
import { planInternalServerNames, type NamesPlan } from "./internal-server";
import { keyPolicy } from "./key-policy";
import type { CertificatePlan, PlanRequest } from "./plan-types";
import { planReverseProxyNames } from "./reverse-proxy";
import { planBranchApplianceNames, planMediationNames, planOAuthNames, planOfficeWebAppsNames, planPersistentChatNames } from "./single-default-roles";
import { resolveTarget } from "./target";
import { resolveTypes } from "./types-option";
import { unwantedNames } from "./unwanted-names";

/** Plans one certificate: subject, SANs (each with its rules), EKU, exportability and notes. */
export function planCertificate(site: Site, request: PlanRequest): CertificatePlan {
  const role = certRole(request.role);
  const { pool, server } = resolveTarget(site, request.role, request.server);
  const types = resolveTypes(site, request.role, request.types);
  const wildcards = request.wildcards ?? false;
  const names = planNames(site, request, pool, server, types, wildcards);
  if (names.cn.startsWith("*")) throw new InputError(`subject ${names.cn} is a wildcard (WILDCARD-NO-CN)`, { rule: "WILDCARD-NO-CN" });
  const notes = [...names.notes];
  const policy = keyPolicy(site, request.role, pool, types, request.keyLocation ?? "workstation", notes);
  return {
    role: role.id,
    server: server ?? null,
    pool: pool?.fqdn ?? null,
    types,
    cn: names.cn,
    cnRules: names.cnRules,
    acceptedCns: names.acceptedCns ?? [],
    san: names.san.list(),
    ...policy,
    wildcards,
    ...(names.namesAdvisory ? { namesAdvisory: names.namesAdvisory } : {}),
    unwanted: unwantedNames(site, request.role, pool, server),
    notes,
  };
}

function planNames(
  site: Site,
  request: PlanRequest,
  pool: ReturnType<typeof resolveTarget>["pool"],
  server: string | undefined,
  types: CertificatePlan["types"],
  wildcards: boolean,
): NamesPlan {
  switch (request.role) {
    case "standard-edition":
    case "front-end":
    case "director":
      return planInternalServerNames(site, pool!, server!, types, wildcards);
    case "mediation":
      return planMediationNames(pool!, server!, wildcards);
    case "persistent-chat":
      return planPersistentChatNames(pool!, server!, wildcards);
    case "survivable-branch-appliance":
      return planBranchApplianceNames(site, server!, wildcards);
    case "edge-external":
      requireEdgeNames(pool!, types);
      return planEdgeExternalNames(site, pool!, types, wildcards);
    case "edge-internal":
      return planEdgeInternalNames(pool!, wildcards);
    case "reverse-proxy":
      return planReverseProxyNames(site, wildcards);
    case "oauth-token-issuer":
      return planOAuthNames(site, wildcards);
    case "office-web-apps":
      return planOfficeWebAppsNames(site, wildcards);
  }
}
