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

/** Each usage as the Lync Deployment Wizard's certificate page names it: the words in prose; the `-Type` values stay in scripts. */
export const CERT_TYPE_WORDS: Record<CertType, string> = {
  Default: "Default",
  WebServicesInternal: "Web services internal",
  WebServicesExternal: "Web services external",
  AccessEdgeExternal: "Access Edge external",
  DataEdgeExternal: "Web Conferencing Edge external",
  AudioVideoAuthentication: "A/V Authentication",
  XMPPServer: "XMPP Server",
  Internal: "Edge internal",
  OAuthTokenIssuer: "OAuth token issuer",
};

/** A certificate's usages in words ("Default, Web services internal"); an unknown value as given. */
export function usageWords(types: readonly string[]): string {
  return types.map((t) => CERT_TYPE_WORDS[t as CertType] ?? t).join(", ");
}
