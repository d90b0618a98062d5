import { InputError } from "../errors";
import type { CertType } from "../roles/cert-types";
import type { ReferenceRuleId } from "../rules/rule-ids";
import type { Pool, Site } from "../site/site-types";
import { DIRECTOR_RULES, FRONT_END_RULES, STANDARD_EDITION_RULES, type InternalServerRuleIds } from "./internal-server-rules";
import type { AcceptedCn, PlanNote } from "./plan-types";
import { SanSet } from "./san-set";

export interface NamesPlan {
  cn: string;
  cnRules: ReferenceRuleId[];
  acceptedCns?: AcceptedCn[];
  san: SanSet;
  notes: PlanNote[];
  /** The rule under which names are advisory only (EDGE-AV-NAMES, PCHAT-SN-SAN). */
  namesAdvisory?: ReferenceRuleId;
}

const RULES_BY_ROLE = { "standard-edition": STANDARD_EDITION_RULES, "front-end": FRONT_END_RULES, director: DIRECTOR_RULES } as const;

/**
 * Names of a Standard Edition, Front End or Director certificate for the given usages: the union of each
 * usage's SAN list (SE-COMBINED, FE-COMBINED, DIR-COMBINED-SAN), mobility entries where the usage
 * carries them (MOB-ASSIGN-COMBINED / MOB-ASSIGN-SEPARATE), wildcards where allowed.
 */
export function planInternalServerNames(site: Site, pool: Pool, server: string, types: readonly CertType[], wildcards: boolean): NamesPlan {
  const role = pool.role as keyof typeof RULES_BY_ROLE;
  const ids = RULES_BY_ROLE[role];
  const notes: PlanNote[] = [];
  let san = new SanSet();
  if (types.includes("Default") || types.includes("OAuthTokenIssuer")) san.merge(defaultNames(site, pool, server, ids, notes));
  if (types.includes("WebServicesInternal")) san.merge(webInternalNames(site, pool, server, ids));
  if (types.includes("WebServicesExternal")) san.merge(webExternalNames(site, pool, ids, notes));
  san.merge(mobilityNames(site, types, notes));
  if (wildcards) {
    san = san.withWildcards(ids.wildcard);
    if (site.simpleUrls.admin.length > 0 && types.includes("WebServicesInternal")) {
      notes.push({ rule: "AMB-07", text: "The Admin simple URL is covered by the wildcard; S-WILD names only Meet and Dial-in, so test the Control Panel URL after deployment." });
    }
    notes.push({ rule: "WILDCARD-DEVICES", text: "Test UC devices (desk phones) with the wildcard certificate before rolling it out." });
  }
  const [cn, cnRule] = subjectName(pool, server, types, ids, notes);
  return { cn, cnRules: [cnRule], acceptedCns: acceptedSubjects(pool, server, types, cn), san, notes };
}

function subjectName(pool: Pool, server: string, types: readonly CertType[], ids: InternalServerRuleIds, notes: PlanNote[]): [string, ReferenceRuleId] {
  const combinedWeb = types.includes("WebServicesInternal") || types.includes("WebServicesExternal");
  const webSn = types.includes("WebServicesInternal") ? ids.webIntSn : ids.webExtSn;
  if (pool.role === "standard-edition") return [server, types.includes("Default") ? ids.defaultSn : webSn];
  if (pool.role === "front-end") {
    if (!types.includes("Default"))
      notes.push({
        rule: "AMB-02",
        text: "Front End web certificates use the pool FQDN as subject (the table); Microsoft's examples use the server FQDN, which the validator also accepts.",
      });
    return [pool.fqdn, types.includes("Default") ? ids.defaultSn : webSn];
  }
  if (types.includes("Default") && combinedWeb) {
    return pool.servers.length === 1 ? [server, "DIR-COMBINED-SN"] : [pool.fqdn, "DIR-COMBINED-SN"];
  }
  return types.includes("Default") ? [pool.fqdn, ids.defaultSn] : [server, webSn];
}

/** AMB-02: Front End web certificates with the server as subject; DIR-COMBINED-SN: pool or server for a Director. */
function acceptedSubjects(pool: Pool, server: string, types: readonly CertType[], cn: string): AcceptedCn[] {
  if (pool.role === "front-end" && !types.includes("Default")) return [{ name: server, rule: "AMB-02", status: "warning" }];
  if (pool.role === "director" && types.includes("Default")) {
    const other = cn === server ? pool.fqdn : server;
    return other === cn ? [] : [{ name: other, rule: "DIR-COMBINED-SN", status: "warning" }];
  }
  return [];
}

function defaultNames(site: Site, pool: Pool, server: string, ids: InternalServerRuleIds, notes: PlanNote[]): SanSet {
  const san = new SanSet().add(pool.fqdn, ids.defaultPool).add(server, ids.defaultServer);
  const sipNames = site.sipDomains.map((d) => `sip.${d}`);
  if (site.features.autoConfigMultiDomain && site.sipDomains.length > 1) {
    san.addWithTerms(sipNames, { because: "automatic client configuration is on with several SIP domains (F_AUTOCFG_MULTI)" }, ids.defaultSipAutoConfig);
    notes.push({ rule: "AMB-01", text: "Automatic configuration with several SIP domains: each domain is added as sip.<domain>." });
  }
  if (pool.autoSignInStrictDns)
    san.addWithTerms(sipNames, { because: `${pool.fqdn} is the automatic sign-in target with strict DNS matching (F_STRICT_DNS)` }, ids.defaultSipStrictDns);
  const intExt = sipInternalExternalDomains(site);
  if (intExt.length) {
    for (const d of intExt)
      san.addWithTerms(
        [`sipinternal.${d}`, `sipexternal.${d}`],
        { because: `the site lists sipinternal/sipexternal records for ${d} (F_SIPINTEXT)` },
        ids.defaultSipIntExt,
        "COMMON-SIPINTEXT",
      );
    notes.push({ rule: "COMMON-SIPINTEXT", text: "sipinternal/sipexternal names go on the Default usage; Microsoft does not say which certificate (scope unconfirmed)." });
  }
  return san;
}

/** The SIP domains whose sipinternal/sipexternal records exist: those the site lists, or all when it says "all". */
export function sipInternalExternalDomains(site: Site): string[] {
  return site.features.sipInternalExternalDomains ?? (site.features.sipInternalExternalRecords ? site.sipDomains : []);
}

function webInternalNames(site: Site, pool: Pool, server: string, ids: InternalServerRuleIds): SanSet {
  const internalWeb = pool.internalWebFqdn ?? (pool.role === "standard-edition" ? server : pool.fqdn);
  const san = new SanSet().add(internalWeb, ids.webIntWeb);
  if (ids.webIntServer) san.add(server, ids.webIntServer);
  if (ids.webIntPool) san.add(pool.fqdn, ids.webIntPool);
  return san
    .addAllWildcardable(site.simpleUrls.meet, ids.webIntMeet)
    .addAllWildcardable(site.simpleUrls.dialin, ids.webIntDialin)
    .addAllWildcardable(site.simpleUrls.admin, ids.webIntAdmin);
}

function webExternalNames(site: Site, pool: Pool, ids: InternalServerRuleIds, notes: PlanNote[]): SanSet {
  if (!pool.externalWebFqdn)
    throw new InputError(`pool ${pool.fqdn} has no externalWebFqdn, which WebServicesExternal needs (${ids.webExtWeb})`, { field: "externalWebFqdn", rule: ids.webExtWeb });
  if (site.simpleUrls.admin.length > 0) notes.push({ rule: "AMB-06", text: "The Admin simple URL is not put on the external web usage: the reverse proxy never publishes it." });
  return new SanSet()
    .add(pool.externalWebFqdn, ids.webExtWeb)
    .addAllWildcardable(site.simpleUrls.meet, ids.webExtMeet)
    .addAllWildcardable(site.simpleUrls.dialin, ids.webExtDialin);
}

/** lyncdiscoverinternal.* with the internal web usage, lyncdiscover.* with the external one (MOB-ASSIGN-SEPARATE). */
function mobilityNames(site: Site, types: readonly CertType[], notes: PlanNote[]): SanSet {
  const san = new SanSet();
  if (!site.features.mobility) return san;
  const separate = !(types.includes("WebServicesInternal") && types.includes("WebServicesExternal"));
  const extra: ReferenceRuleId[] = separate ? ["MOB-ASSIGN-SEPARATE"] : [];
  if (types.includes("WebServicesInternal")) {
    san.addAllWildcardable(
      site.sipDomains.map((d) => `lyncdiscoverinternal.${d}`),
      "MOB-SAN-LYNCDISCOVERINTERNAL",
      ...extra,
    );
    if (site.features.lyncdiscoverInternalDomain && site.internalDomain) {
      san.addWithTerms(
        [`lyncdiscoverinternal.${site.internalDomain}`],
        { optional: "the internal-domain form of AMB-09, offered because the site asks for it; the one per SIP domain is the required form" },
        "MOB-SAN-LYNCDISCOVERINTERNAL",
        "AMB-09",
      );
      notes.push({ rule: "AMB-09", text: `lyncdiscoverinternal.${site.internalDomain} added for the internal domain as well as one per SIP domain.` });
    }
  }
  if (types.includes("WebServicesExternal"))
    san.addAllWildcardable(
      site.sipDomains.map((d) => `lyncdiscover.${d}`),
      "MOB-SAN-LYNCDISCOVER",
      ...extra,
    );
  if (types.includes("Default") && separate && !types.includes("WebServicesInternal") && !types.includes("WebServicesExternal")) {
    notes.push({ rule: "MOB-ASSIGN-SEPARATE", text: "Mobility names go on the separate web services certificates, not on the Default one." });
  }
  return san;
}
