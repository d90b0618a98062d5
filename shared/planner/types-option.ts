import { InputError } from "../errors";
import { certRole, type RoleId } from "../roles/cert-roles";
import { CERT_TYPES, sortTypes, type CertType } from "../roles/cert-types";
import type { Site } from "../site/site-types";

/** Parses `--types Default,WebServicesInternal` as the cmdlet writes it (case-insensitive). */
export function parseTypesOption(value: string): CertType[] {
  if (value.trim() === "") throw new InputError("--types: give at least one type, for example Default,WebServicesInternal,WebServicesExternal", { field: "--types" });
  return value.split(",").map((raw) => {
    const t = raw.trim();
    const known = CERT_TYPES.find((c) => c.toLowerCase() === t.toLowerCase());
    if (!known) throw new InputError(`--types: "${t}" is not a certificate type LyncCert plans (see lynccert roles)`, { field: "--types" });
    return known;
  });
}

/** The types this certificate is for: the ones asked for, checked against the role, or its usual set. */
export function resolveTypes(site: Site, roleId: RoleId, requested: readonly CertType[] | undefined): CertType[] {
  const role = certRole(roleId);
  if (requested === undefined) {
    const usual = [...role.defaultTypes];
    if (roleId === "edge-external" && site.features.xmppDomains.length > 0) usual.push("XMPPServer");
    return sortTypes(usual);
  }
  if (role.allowedTypes.length === 0) {
    throw new InputError(`--types: the ${role.title} certificate is not assigned by Lync (no -Type); leave --types out`, { field: "--types" });
  }
  if (requested.length === 0) throw new InputError("--types: give at least one type", { field: "--types" });
  const wrong = requested.filter((t) => !role.allowedTypes.includes(t));
  if (wrong.length > 0) {
    throw new InputError(`--types: ${wrong.join(", ")} cannot be on a ${role.title} certificate; allowed: ${role.allowedTypes.join(", ")}`, { field: "--types" });
  }
  const types = sortTypes(requested);
  if (types.includes("OAuthTokenIssuer") && roleId !== "oauth-token-issuer" && !types.includes("Default")) {
    throw new InputError("--types: OAuthTokenIssuer can share only the Default certificate (SE-DEFAULT-S2S, FE-DEFAULT-S2S)", { field: "--types", rule: "SE-DEFAULT-S2S" });
  }
  if (types.includes("XMPPServer") && !types.includes("AccessEdgeExternal")) {
    throw new InputError("--types: XMPPServer rides on the Access Edge certificate; add AccessEdgeExternal (XMPP-SAN-DOMAIN)", { field: "--types", rule: "XMPP-SAN-DOMAIN" });
  }
  return types;
}
