import { InputError } from "../errors";
import type { Site } from "../site/site-types";
import type { NamesPlan } from "./internal-server";
import type { PlanNote } from "./plan-types";
import { SanSet } from "./san-set";

/** Reverse proxy listener certificate (§10), with mobility (§8) and Office Web Apps (§13). */
export function planReverseProxyNames(site: Site, wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [{ rule: "RP-CA-PUBLIC", text: "Submit this request to a public CA." }];
  // The pools it publishes: those the site names, else every pool with an external web FQDN.
  const published = site.pools.filter((p) => p.externalWebFqdn && (site.reverseProxy ? site.reverseProxy.publishes.includes(p.fqdn) : true));
  const homes = published.filter((p) => p.role !== "director");
  // The subject is a Front End pool's external web FQDN where there is one (RP-SN: "of the Front End pool").
  const first = (homes.find((p) => p.role === "front-end") ?? homes[0])?.externalWebFqdn;
  if (!first)
    throw new InputError("site file has no Front End or Standard Edition pool with an externalWebFqdn, which the reverse proxy certificate is named after (RP-SN)", {
      field: "pools",
      rule: "RP-SN",
    });

  let san = new SanSet().add(first, "RP-SAN-SN", "COMMON-SAN-CONTAINS-SN");
  homes.forEach((p) => san.add(p.externalWebFqdn!, "RP-SAN-POOLS-EXTWEB"));
  published.filter((p) => p.role === "director").forEach((p) => san.add(p.externalWebFqdn!, "RP-SAN-DIR-EXTWEB"));
  // Any published pool's external web FQDN is a correct subject: the SAN carries them all.
  const acceptedCns = published.filter((p) => p.externalWebFqdn !== first).map((p) => ({ name: p.externalWebFqdn!, rule: "RP-SN" as const, status: "pass" as const }));
  san.addAllWildcardable(site.simpleUrls.meet, "RP-SAN-MEET").addAllWildcardable(site.simpleUrls.dialin, "RP-SAN-DIALIN");
  if (site.officeWebApps?.publishedExternally) {
    san.add(site.officeWebApps.fqdn, "RP-SAN-OWAS", "OWAS-RP-SAN");
    notes.push({
      rule: "OWAS-NAME-IN-CERT",
      text: `The certificate on the Office Web Apps Server itself must carry ${site.officeWebApps.fqdn} in its subject or SAN; LyncCert does not plan that one.`,
    });
  }
  if (site.features.mobility && site.features.mobilityOverHttps) {
    san.addAllWildcardable(
      site.sipDomains.map((d) => `lyncdiscover.${d}`),
      "RP-SAN-LYNCDISCOVER",
      "MOB-RP-LYNCDISCOVER",
    );
  } else if (site.features.mobility) {
    notes.push({ rule: "MOB-RP-HTTP-ALT", text: "Autodiscover is published over HTTP/80, so lyncdiscover names are not needed here (supported, not recommended)." });
  }
  if (site.simpleUrls.admin.length > 0) notes.push({ rule: "RP-NO-ADMIN", text: "The Admin simple URL is internal and is not published by the reverse proxy." });
  if (wildcards) {
    san = san.withWildcards("RP-WILDCARD");
    notes.push({ rule: "WILDCARD-RP-SIMPLEURL", text: "*.<domain> replaces the Meet, Dial-in and lyncdiscover names; web service FQDNs stay explicit." });
  }
  notes.push({ rule: "RP-EKU-CLIENT", text: "Client Authentication may be added by the CA template; it is not required." });
  return { cn: first, cnRules: ["RP-SN"], acceptedCns, san, notes };
}
