import { InputErrors } from "../errors";
import { FieldReader } from "./field-reader";
import { checkMeetPerSipDomain, readMeetUrls } from "./meet-urls";
import { POOL_ROLES, type Features, type OfficeWebApps, type Pool, type PoolRole, type ReverseProxy, type Site } from "./site-types";

const SITE_FIELDS = ["sipDomains", "internalDomain", "simpleUrls", "features", "pools", "officeWebApps", "reverseProxy", "$schema", "comment"] as const;
const FEATURE_FIELDS = [
  "mobility",
  "mobilityOverHttps",
  "autoConfigMultiDomain",
  "sipInternalExternalRecords",
  "sipInternalExternalDomains",
  "federation",
  "publicImAol",
  "xmppDomains",
  "lyncdiscoverInternalDomain",
] as const;
const POOL_FIELDS = ["role", "fqdn", "servers", "internalWebFqdn", "externalWebFqdn", "autoSignInStrictDns", "accessEdgeFqdn", "webConfEdgeFqdn", "avEdgeFqdn", "comment"] as const;

/** A site file is a few kilobytes; anything near this is not one. */
export const MAX_SITE_FILE_BYTES = 1_000_000;

/**
 * Whether a JSON value has the shape of a site file being edited: an object of the site file's own fields,
 * with lists and objects where the file has them. A draft may have problems (parseSite lists them); what is
 * not even this is not a site.
 */
export function isSiteDraft(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const fields = json as Record<string, unknown>;
  const isObject = (v: unknown) => v === undefined || (typeof v === "object" && v !== null && !Array.isArray(v));
  return (
    Object.keys(fields).every((k) => (SITE_FIELDS as readonly string[]).includes(k)) &&
    (fields.pools === undefined || Array.isArray(fields.pools)) &&
    (fields.sipDomains === undefined || Array.isArray(fields.sipDomains)) &&
    isObject(fields.simpleUrls) &&
    isObject(fields.features)
  );
}

/** Roles whose pools are made of separately named servers that each get a certificate (FE-PER-SERVER, PCHAT-PER-SERVER, MED-ONE-CERT). */
const ROLES_NEEDING_SERVERS: readonly PoolRole[] = ["front-end", "director", "mediation", "persistent-chat"];
/** Roles whose web services publish an external web FQDN (TOPO-EXTWEB). */
const ROLES_WITH_WEB: readonly PoolRole[] = ["standard-edition", "front-end", "director"];

/**
 * Validates a site file (already JSON-parsed) and returns the normalised Site, or throws InputErrors
 * listing every problem with its field path. `source` names the file in the message.
 */
export function parseSite(json: unknown, source = "site file"): Site {
  const r = new FieldReader();
  const root = r.object(json, "", SITE_FIELDS);
  if (!root) throw new InputErrors(source, r.problems, r.total);

  const sipDomains = r.hostNames(root.sipDomains, "sipDomains", { min: 1 });
  const internalDomain = r.optionalHostName(root.internalDomain, "internalDomain");
  const urls = r.object(root.simpleUrls ?? {}, "simpleUrls", ["meet", "dialin", "admin"]) ?? {};
  const meet = readMeetUrls(r, urls.meet, sipDomains);
  const simpleUrls = {
    meet: [...new Set(meet.map((m) => m.host))],
    dialin: r.hostNames(urls.dialin, "simpleUrls.dialin", { min: 1 }),
    admin: r.hostNames(urls.admin, "simpleUrls.admin", { min: 0 }),
  };
  checkMeetPerSipDomain(r, meet, sipDomains);

  const features = readFeatures(r, root.features);
  const pools = readPools(r, root.pools);
  const officeWebApps = readOfficeWebApps(r, root.officeWebApps);
  const reverseProxy = readReverseProxy(r, root.reverseProxy, pools);
  checkPoolsTogether(r, pools);
  for (const [i, d] of (features.sipInternalExternalDomains ?? []).entries()) {
    if (!sipDomains.includes(d))
      r.problem(
        `features.sipInternalExternalDomains[${i}]`,
        `${d} is not one of the SIP domains; sipinternal/sipexternal records belong to SIP domains (COMMON-SIPINTEXT)`,
        "COMMON-SIPINTEXT",
      );
  }
  if (internalDomain === undefined && features.lyncdiscoverInternalDomain) {
    r.problem("features.lyncdiscoverInternalDomain", "is true but internalDomain is not set; give internalDomain (AMB-09)", "AMB-09");
  }

  if (r.total > 0) throw new InputErrors(source, r.problems, r.total);
  return {
    sipDomains,
    ...(internalDomain ? { internalDomain } : {}),
    simpleUrls,
    features,
    pools,
    ...(officeWebApps ? { officeWebApps } : {}),
    ...(reverseProxy ? { reverseProxy } : {}),
  };
}

function readFeatures(r: FieldReader, value: unknown): Features {
  const f = r.object(value ?? {}, "features", FEATURE_FIELDS) ?? {};
  return {
    mobility: r.boolean(f.mobility, "features.mobility", false),
    mobilityOverHttps: r.boolean(f.mobilityOverHttps, "features.mobilityOverHttps", true),
    autoConfigMultiDomain: r.boolean(f.autoConfigMultiDomain, "features.autoConfigMultiDomain", false),
    sipInternalExternalRecords: r.boolean(f.sipInternalExternalRecords, "features.sipInternalExternalRecords", false),
    ...(f.sipInternalExternalDomains !== undefined
      ? { sipInternalExternalDomains: r.hostNames(f.sipInternalExternalDomains, "features.sipInternalExternalDomains", { min: 1 }) }
      : {}),
    federation: r.boolean(f.federation, "features.federation", false),
    publicImAol: r.boolean(f.publicImAol, "features.publicImAol", false),
    xmppDomains: r.hostNames(f.xmppDomains, "features.xmppDomains", { min: 0 }),
    lyncdiscoverInternalDomain: r.boolean(f.lyncdiscoverInternalDomain, "features.lyncdiscoverInternalDomain", false),
  };
}

function readPools(r: FieldReader, value: unknown): Pool[] {
  if (!Array.isArray(value) || value.length === 0) {
    r.problem("pools", "must be a non-empty list of pools");
    return [];
  }
  return value.flatMap((raw, i) => {
    const pool = readPool(r, raw, `pools[${i}]`);
    return pool ? [pool] : [];
  });
}

function readPool(r: FieldReader, raw: unknown, at: string): Pool | undefined {
  const p = r.object(raw, at, POOL_FIELDS);
  if (!p) return undefined;
  const role = p.role as PoolRole;
  if (!POOL_ROLES.includes(role)) {
    r.problem(`${at}.role`, `must be one of ${POOL_ROLES.join(", ")}, found ${JSON.stringify(p.role)}`);
    return undefined;
  }
  const fqdn = r.hostName(p.fqdn, `${at}.fqdn`);
  if (!fqdn) return undefined;
  const needsServers = ROLES_NEEDING_SERVERS.includes(role);
  if (needsServers && (p.servers === undefined || (Array.isArray(p.servers) && p.servers.length === 0))) {
    r.problem(`${at}.servers`, `a ${role} pool needs its servers listed: each member gets its own certificate`);
  }
  const servers = p.servers === undefined ? [fqdn] : r.hostNames(p.servers, `${at}.servers`, { min: 1 });
  if (role === "standard-edition" && servers.some((s) => s !== fqdn)) {
    r.problem(`${at}.servers`, `a Standard Edition pool is its one server: servers must be [${fqdn}] or left out`);
  }
  const pool: Pool = { role, fqdn, servers, autoSignInStrictDns: r.boolean(p.autoSignInStrictDns, `${at}.autoSignInStrictDns`, false) };
  const optional = ["internalWebFqdn", "externalWebFqdn", "accessEdgeFqdn", "webConfEdgeFqdn", "avEdgeFqdn"] as const;
  for (const key of optional) {
    const host = r.optionalHostName(p[key], `${at}.${key}`);
    if (host) pool[key] = host;
  }
  checkRoleFields(r, pool, p, at);
  return pool;
}

function checkRoleFields(r: FieldReader, pool: Pool, raw: Record<string, unknown>, at: string): void {
  const hasWeb = ROLES_WITH_WEB.includes(pool.role);
  if (hasWeb && raw.externalWebFqdn === undefined) r.problem(`${at}.externalWebFqdn`, `a ${pool.role} pool needs its external web services FQDN (TOPO-EXTWEB)`);
  if (!hasWeb) {
    for (const key of ["internalWebFqdn", "externalWebFqdn"] as const) {
      if (raw[key] !== undefined) r.problem(`${at}.${key}`, `a ${pool.role} pool has no web services; remove ${key}`);
    }
  }
  if (pool.role === "standard-edition" && pool.internalWebFqdn && pool.internalWebFqdn !== pool.fqdn) {
    r.problem(`${at}.internalWebFqdn`, "on Standard Edition the internal web FQDN is the server FQDN and cannot be overridden");
  }
  const edgeKeys = ["accessEdgeFqdn", "webConfEdgeFqdn", "avEdgeFqdn"] as const;
  for (const key of edgeKeys) {
    if (pool.role === "edge" && raw[key] === undefined) r.problem(`${at}.${key}`, `an edge pool needs ${key} (TOPO-EDGE-EXT)`);
    if (pool.role !== "edge" && raw[key] !== undefined) r.problem(`${at}.${key}`, `only an edge pool has ${key}`);
  }
}

/** Which pools the reverse proxy publishes (RP-SAN-POOLS-EXTWEB, RP-SAN-DIR-EXTWEB); left out, every pool with an external web FQDN. */
function readReverseProxy(r: FieldReader, value: unknown, pools: Pool[]): ReverseProxy | undefined {
  if (value === undefined) return undefined;
  const o = r.object(value, "reverseProxy", ["publishes"]);
  if (!o) return undefined;
  const publishes = r.hostNames(o.publishes, "reverseProxy.publishes", { min: 1 });
  publishes.forEach((fqdn, i) => {
    const pool = pools.find((p) => p.fqdn === fqdn);
    if (!pool) r.problem(`reverseProxy.publishes[${i}]`, `${fqdn} is not a pool of this site`);
    else if (!pool.externalWebFqdn) r.problem(`reverseProxy.publishes[${i}]`, `${fqdn} has no externalWebFqdn to publish`);
  });
  return { publishes };
}

function readOfficeWebApps(r: FieldReader, value: unknown): OfficeWebApps | undefined {
  if (value === undefined) return undefined;
  const o = r.object(value, "officeWebApps", ["fqdn", "publishedExternally"]);
  const fqdn = o && r.hostName(o.fqdn, "officeWebApps.fqdn");
  if (!o || !fqdn) return undefined;
  return { fqdn, publishedExternally: r.boolean(o.publishedExternally, "officeWebApps.publishedExternally", false) };
}

/** Cross-pool checks: unique FQDNs, one pool per server, and DIR-WEBEXT-DISTINCT. */
function checkPoolsTogether(r: FieldReader, pools: Pool[]): void {
  const owner = new Map<string, number>();
  pools.forEach((pool, i) => {
    for (const name of new Set([pool.fqdn, ...pool.servers])) {
      const other = owner.get(name);
      if (other !== undefined && other !== i) r.problem(`pools[${i}]`, `${name} is already used by pools[${other}]; a server belongs to one pool`);
      owner.set(name, i);
    }
  });
  const frontEndWeb = new Set(pools.filter((p) => p.role !== "director").map((p) => p.externalWebFqdn));
  pools.forEach((pool, i) => {
    if (pool.role === "director" && pool.externalWebFqdn && frontEndWeb.has(pool.externalWebFqdn)) {
      r.problem(
        `pools[${i}].externalWebFqdn`,
        `${pool.externalWebFqdn} is also a Front End pool's external web FQDN; the Director's must differ (DIR-WEBEXT-DISTINCT)`,
        "DIR-WEBEXT-DISTINCT",
      );
    }
  });
}
