import { InputError } from "../errors";
import type { CertType } from "../roles/cert-types";
import type { Pool, Site } from "../site/site-types";
import type { NamesPlan } from "./internal-server";
import type { PlanNote } from "./plan-types";
import { SanSet } from "./san-set";

/**
 * Edge external certificate (§9.1), the decoupled A/V Authentication certificate (§9.2) and XMPP
 * names (§9.4). Wildcards are never used here (WILDCARD-EDGE-EXT).
 */
export function planEdgeExternalNames(site: Site, pool: Pool, types: readonly CertType[], wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [];
  if (wildcards) notes.push({ rule: "EDGE-EXT-NO-WILDCARD", text: "Wildcards are not supported on the Edge external certificate (WILDCARD-EDGE-EXT); every name is explicit." });
  if (pool.servers.length > 1) notes.push({ rule: "EDGE-EXT-SAME-POOL", text: `Install this one certificate, with its key, on every member of ${pool.fqdn}.` });
  notes.push({ rule: "EDGE-EXT-CA-PUBLIC", text: "Submit this request to a public CA that supports SAN." });
  notes.push({ rule: "EDGE-EXT-KEYLEN", text: "RSA 2048, the wizard's default, is the recommended key." });

  if (!types.includes("AccessEdgeExternal") && !types.includes("DataEdgeExternal")) return decoupledAvNames(pool, notes);

  const accessEdge = pool.accessEdgeFqdn!;
  const san = new SanSet().add(accessEdge, "EDGE-EXT-SAN-ACCESS", "COMMON-SAN-CONTAINS-SN").add(pool.webConfEdgeFqdn!, "EDGE-EXT-SAN-WEBCONF");
  const sipNames = site.sipDomains.map((d) => `sip.${d}`);
  if (site.features.federation || site.features.autoConfigMultiDomain) {
    san.addWithTerms(sipNames, { because: "federation or automatic client configuration is on (F_FED_OR_AUTOCFG)" }, "EDGE-EXT-SAN-SIPDOMAINS");
  } else {
    san.addWithTerms(
      sipNames,
      { optional: "neither federation nor automatic client configuration is on, so EDGE-EXT-SAN-SIPDOMAINS does not require it; offered because clients expect it" },
      "EDGE-EXT-SAN-SIPDOMAINS",
    );
    notes.push({
      rule: "EDGE-EXT-SAN-SIPDOMAINS",
      text: "sip.<domain> names are added although neither federation nor automatic configuration is set: they cost nothing and clients expect them.",
    });
  }
  if (types.includes("AccessEdgeExternal") && site.features.xmppDomains.length > 0) {
    // AMB-04: each documented shape is accepted: the domain itself, or xmpp.<domain> with *.<domain> (Edge summaries).
    const because = "XMPP federation is deployed (features.xmppDomains)";
    san.addWithTerms(site.features.xmppDomains, (d) => ({ because, alternatives: [`*.${d}`] }), "XMPP-SAN-DOMAIN");
    san.addWithTerms(
      site.features.xmppDomains.map((d) => `xmpp.${d}`),
      { optional: "S-XMPP's shape names the XMPP domain alone (AMB-04); xmpp.<domain> is offered for the SRV record" },
      "XMPP-SAN-XMPPHOST",
    );
    notes.push({ rule: "AMB-04", text: "XMPP: each XMPP domain and xmpp.<domain> are added; no wildcard (the Edge summaries' *.<domain> is not added)." });
  }
  notes.push({ rule: "EDGE-EXT-SAN-AV", text: `The A/V Edge name (${pool.avEdgeFqdn}) is not needed: the A/V service reads neither subject nor SAN (AMB-10).` });
  if (types.includes("AudioVideoAuthentication")) {
    const rest = types.filter((t) => t !== "AudioVideoAuthentication").join(",");
    notes.push({
      rule: "EDGE-AV-DECOUPLE",
      text: `To stage A/V certificate renewals with -Roll, plan a separate AudioVideoAuthentication certificate (--types ${rest} plus --types AudioVideoAuthentication).`,
    });
  }
  return { cn: accessEdge, cnRules: ["EDGE-EXT-SN", "AMB-17"], san, notes };
}

function decoupledAvNames(pool: Pool, notes: PlanNote[]): NamesPlan {
  const av = pool.avEdgeFqdn!;
  notes.push({ rule: "EDGE-AV-NAMES", text: "A/V Authentication ignores subject and SAN; the A/V Edge FQDN is used as a readable name (unconfirmed choice)." });
  notes.push({ rule: "EDGE-AV-ROLL-LEAD", text: "Stage it with Set-CsCertificate -Roll -EffectiveDate at least 8 hours before the old one expires." });
  return { cn: av, cnRules: ["EDGE-AV-NAMES"], san: new SanSet().add(av, "EDGE-AV-NAMES"), notes, namesAdvisory: "EDGE-AV-NAMES" };
}

/** Edge internal certificate (§9.3): subject = Edge pool FQDN (EDGE-INT-SN, AMB-16). */
export function planEdgeInternalNames(pool: Pool, wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [
    { rule: "EDGE-INT-SAN", text: "No SAN is required; the subject is repeated as the only SAN because current TLS stacks ignore the subject." },
    { rule: "AMB-16", text: `One certificate for the pool ${pool.fqdn}, copied to every member.` },
    { rule: "EDGE-INT-CHAIN", text: "Import the internal CA chain into Trusted Root CAs on every Edge Server." },
  ];
  if (wildcards) notes.push({ rule: "WILDCARD-EDGE-INT", text: "A wildcard SAN would be accepted but is never queried; none is added." });
  const acceptedCns = pool.servers.filter((s) => s !== pool.fqdn).map((name) => ({ name, rule: "AMB-16" as const, status: "pass" as const }));
  return { cn: pool.fqdn, cnRules: ["EDGE-INT-SN", "AMB-16"], acceptedCns, san: new SanSet().add(pool.fqdn, "EDGE-INT-SN"), notes };
}

export function requireEdgeNames(pool: Pool, types: readonly CertType[]): void {
  const needed = types.includes("AccessEdgeExternal") || types.includes("DataEdgeExternal") ? (["accessEdgeFqdn", "webConfEdgeFqdn"] as const) : (["avEdgeFqdn"] as const);
  for (const key of needed) if (!pool[key]) throw new InputError(`edge pool ${pool.fqdn} has no ${key}`, { field: key });
}
