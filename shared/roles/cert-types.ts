/** Request-CsCertificate / Set-CsCertificate `-Type` values LyncCert plans for (§14.1). */
export const CERT_TYPES = [
  "Default",
  "WebServicesInternal",
  "WebServicesExternal",
  "AccessEdgeExternal",
  "DataEdgeExternal",
  "AudioVideoAuthentication",
  "XMPPServer",
  "Internal",
  "OAuthTokenIssuer",
] as const;
export type CertType = (typeof CERT_TYPES)[number];

/** Canonical order, so that "WebServicesExternal,Default" and "Default,WebServicesExternal" plan alike. */
export function sortTypes(types: readonly CertType[]): CertType[] {
  return [...new Set(types)].sort((a, b) => CERT_TYPES.indexOf(a) - CERT_TYPES.indexOf(b));
}
