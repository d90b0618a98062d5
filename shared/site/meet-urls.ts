import type { FieldReader } from "./field-reader";

/** A Meet simple URL: its host, and the SIP domains whose path it carries (naming option 3). */
export interface MeetUrl {
  host: string;
  /** SIP domains served through the path of a shared host: https://lync.contoso.com/fabrikam/Meet. */
  pathDomains: string[];
}

/**
 * Meet URLs are host names (meet.contoso.com), or whole URLs where one host serves several SIP domains by
 * path (C-SURL naming option 3: https://lync.contoso.com/fabrikam/Meet). Only the host goes in a SAN.
 */
export function readMeetUrls(r: FieldReader, value: unknown, sipDomains: string[]): MeetUrl[] {
  if (!Array.isArray(value)) return r.hostNames(value, "simpleUrls.meet", { min: 1 }).map((host) => ({ host, pathDomains: [] }));
  if (value.length === 0) r.problem("simpleUrls.meet", "needs at least 1 host name");
  const seen = new Set<string>();
  return value.flatMap((entry: unknown, i) => {
    const field = `simpleUrls.meet[${i}]`;
    if (typeof entry === "string") {
      if (seen.has(entry.toLowerCase())) r.problem("simpleUrls.meet", `lists ${entry.toLowerCase()} twice`);
      seen.add(entry.toLowerCase());
    }
    if (typeof entry !== "string" || !entry.toLowerCase().startsWith("https://")) {
      const host = r.hostName(entry, field);
      return host ? [{ host, pathDomains: [] }] : [];
    }
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      r.problem(field, "is not a URL; give a host name or https://host/<domain>/Meet");
      return [];
    }
    const host = r.hostName(url.hostname, field);
    const segments = url.pathname.toLowerCase().split("/").filter(Boolean);
    return host ? [{ host, pathDomains: sipDomains.filter((d) => segments.includes(d) || segments.includes(d.split(".")[0]!)) }] : [];
  });
}

/**
 * MEET holds at least one Meet URL per SIP domain, and each Meet URL belongs to a SIP domain. Linear in the
 * size of the site: each host's parent domains are looked up in a set, and no message lists every domain.
 */
export function checkMeetPerSipDomain(r: FieldReader, meet: MeetUrl[], sipDomains: string[]): void {
  const domains = new Set(sipDomains);
  const served = new Set<string>();
  meet.forEach(({ host, pathDomains }, i) => {
    const owners = parentDomains(host).filter((d) => domains.has(d));
    [...owners, ...pathDomains].forEach((d) => served.add(d));
    if (domains.size > 0 && owners.length === 0) {
      r.problem(`simpleUrls.meet[${i}]`, `${host} is not under any of the ${domains.size} SIP domain${domains.size === 1 ? "" : "s"}; each Meet URL serves one SIP domain`);
    }
  });
  if (meet.length === 0) return;
  for (const domain of domains) {
    if (!served.has(domain))
      r.problem(
        "simpleUrls.meet",
        `has no Meet URL for SIP domain ${domain}; every SIP domain needs one (for example meet.${domain}, or https://lync.${[...domains][0]}/${domain.split(".")[0]}/Meet on a shared host)`,
      );
  }
}

/** The host itself and every domain above it: a.b.c → a.b.c, b.c, c. */
function parentDomains(host: string): string[] {
  const labels = host.split(".");
  return labels.map((_, i) => labels.slice(i).join("."));
}
