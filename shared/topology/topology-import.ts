import { InputError } from "../errors";
import { MAX_SITE_FILE_BYTES } from "../site/parse-site";
import type { PoolRole } from "../site/site-types";
import { attr, child, findAll, parseXml, type XmlNode } from "./xml-document";

export type TopologyFormat = "Topology Builder document (.tbxml)" | "published topology (Topology XML)";

/** What the topology does not hold, from the admin (TOPO-SIMPLEURL: simple URLs are not in the published form). */
export interface TopologyImportOptions {
  meet?: string[];
  dialin?: string[];
  admin?: string[];
}

export interface TopologyImport {
  format: TopologyFormat;
  /** A site file (JSON object) ready for parseSite. */
  site: Record<string, unknown>;
  /** Everything that was assumed or left out, in words, each with the TOPO rule it concerns. */
  assumptions: string[];
}

interface ClusterInfo {
  key: string;
  fqdn: string;
  machines: string[];
  singleMachine: boolean;
}

const host = (url: string | undefined) => {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Reads a Topology Builder document or a published topology (§15) and produces a site file. Both forms
 * name the same things in slightly different places: cluster ids, service role names and where services
 * say which cluster they run on.
 */
export function importTopology(text: string, file: string, options: TopologyImportOptions = {}): TopologyImport {
  const doc = parseXml(text.replace(/^\uFEFF/, ""), file);
  const format: TopologyFormat | undefined = doc.TopologyBuilder ? "Topology Builder document (.tbxml)" : doc.Topology ? "published topology (Topology XML)" : undefined;
  if (!format)
    throw new InputError(`${file}: the root element is neither TopologyBuilder nor Topology; export the topology from Topology Builder or Get-CsTopology -AsXml`, { field: file });
  const root = (doc.TopologyBuilder ?? doc.Topology) as XmlNode;
  const assumptions: string[] = [];

  const sipDomains = readSipDomains(root, file);
  const clusters = readClusters(root, assumptions);
  const services = findAll(root, "Service").map((s) => ({
    node: s,
    role: attr(s, "RoleName") ?? attr(child(s, "ServiceId"), "RoleName") ?? "",
    on: attr(s, "InstalledOn") ?? clusterKey(child(child(s, "InstalledOn"), "ClusterId")),
  }));
  // By cluster, once: a lookup per cluster stays linear in the document's size.
  const byCluster = new Map<string, Map<string, XmlNode>>();
  for (const s of services) {
    if (s.on === undefined) continue;
    let roles = byCluster.get(s.on);
    if (!roles) byCluster.set(s.on, (roles = new Map()));
    if (!roles.has(s.role)) roles.set(s.role, s.node);
  }
  const rolesOn = (key: string) => new Set(byCluster.get(key)?.keys());
  const serviceOn = (key: string, role: string) => byCluster.get(key)?.get(role);

  const pools: Record<string, unknown>[] = [];
  let officeWebApps: Record<string, unknown> | undefined;
  for (const c of clusters) {
    const roles = rolesOn(c.key);
    const web = child(child(serviceOn(c.key, "WebServices"), "WebService"), "ExternalSettings");
    const externalWebFqdn = attr(web, "Host")?.toLowerCase();
    const role = poolRole(roles, serviceOn(c.key, "Registrar"), c);
    if (roles.has("WacService")) {
      const wac = child(serviceOn(c.key, "WacService"), "WacService");
      const fqdn = host(attr(wac, "DiscoveryUrl")) ?? c.fqdn;
      officeWebApps = { fqdn, publishedExternally: attr(wac, "IsExternal") === "true" };
      assumptions.push(
        `TOPO-OWAS: Office Web Apps ${fqdn} is taken as published externally only when the topology marks it IsExternal (${attr(wac, "IsExternal") ?? "absent"}); check your reverse proxy.`,
      );
    }
    if (!role) continue;
    const pool: Record<string, unknown> = { role, fqdn: c.fqdn };
    if (role !== "standard-edition") pool.servers = c.machines;
    if (externalWebFqdn && ["standard-edition", "front-end", "director"].includes(role)) pool.externalWebFqdn = externalWebFqdn;
    if (role === "edge") Object.assign(pool, edgeNames(serviceOn(c.key, "EdgeServer")!, c, assumptions));
    if (roles.has("MediationServer") && role !== "mediation")
      assumptions.push(`FE-COLLOCATED-MED: the Mediation Server on ${c.fqdn} is collocated and uses that pool's certificates.`);
    pools.push(pool);
  }
  if (findAll(root, "RemoteSites").some((r) => Object.keys(r).some((k) => !k.startsWith("@")))) {
    assumptions.push("Branch sites (Survivable Branch Appliances) were not read: their role names are not documented (TOPO-ROLENAMES); add them to the site file by hand.");
  }

  const simpleUrls = readSimpleUrls(root, sipDomains, options, assumptions);
  assumptions.push("Features (mobility, federation, AOL, XMPP domains, strict-DNS sign-in) are not in the topology: all left off; set them in the site file or the wizard.");
  const site: Record<string, unknown> = {
    sipDomains,
    simpleUrls,
    features: { mobility: false, federation: false, publicImAol: false, xmppDomains: [] },
    pools,
  };
  if (officeWebApps) site.officeWebApps = officeWebApps;
  // What cannot be kept as a site file is refused here, not written for no command to read.
  const size = JSON.stringify(site, null, 2).length;
  if (size > MAX_SITE_FILE_BYTES)
    throw new InputError(
      `${file}: its ${pools.length} pools make a site file of ${size} bytes, larger than a site file can be (limit ${MAX_SITE_FILE_BYTES}); export the topology of the sites you need`,
      { field: file },
    );
  return { format, site, assumptions };
}

function readSipDomains(root: XmlNode, file: string): string[] {
  const block = findAll(root, "InternalDomains")[0];
  const names = findAll(block, "InternalDomain")
    .map((d) => attr(d, "Name")?.toLowerCase())
    .filter((n): n is string => Boolean(n));
  const first = attr(block, "DefaultDomain")?.toLowerCase();
  if (!first && names.length === 0)
    throw new InputError(`${file}: no InternalDomains (SIP domains) in the topology (TOPO-SIPDOMAINS)`, { field: "InternalDomains", rule: "TOPO-SIPDOMAINS" });
  return [...new Set([...(first ? [first] : []), ...names])];
}

function clusterKey(id: XmlNode | undefined): string | undefined {
  const site = attr(id, "SiteId");
  const number = attr(id, "Number");
  return site && number ? `${site}:${number}` : undefined;
}

function readClusters(root: XmlNode, assumptions: string[]): ClusterInfo[] {
  return findAll(root, "Cluster").flatMap((c) => {
    const fqdn = attr(c, "Fqdn")?.toLowerCase();
    const key = attr(c, "UniqueId") ?? clusterKey(child(c, "ClusterId"));
    if (!fqdn || !key) return [];
    const machineNodes = [...findAll(child(c, "Machines"), "Machine"), ...((c.Machine as XmlNode[] | undefined) ?? [])];
    const named = machineNodes.map((m) => attr(m, "Fqdn")?.toLowerCase()).filter((m): m is string => Boolean(m));
    if (machineNodes.length > 0 && named.length === 0) assumptions.push(`TOPO-MACHINE-FQDN: ${fqdn} has a machine without an FQDN; the cluster's FQDN stands for it.`);
    return [{ key, fqdn, machines: named.length ? named : [fqdn], singleMachine: attr(c, "IsSingleMachineOnly") === "true" }];
  });
}

function poolRole(roles: Set<string>, registrar: XmlNode | undefined, c: ClusterInfo): PoolRole | undefined {
  if (roles.has("EdgeServer")) return "edge";
  if (roles.has("Registrar") && attr(child(registrar, "RegistrarService"), "IsDirector") === "true") return "director";
  if (roles.has("UserServices")) return c.singleMachine || (c.machines.length === 1 && c.machines[0] === c.fqdn) ? "standard-edition" : "front-end";
  if (roles.has("MediationServer")) return "mediation";
  if (roles.has("PersistentChatServer")) return "persistent-chat";
  return undefined;
}

/** TOPO-EDGE-EXT: external FQDNs from the Edge service's external ports, by owner. */
function edgeNames(edge: XmlNode, c: ClusterInfo, assumptions: string[]): Record<string, string> {
  const ports = findAll(edge, "Port").filter((p) => attr(p, "InterfaceSide") === "External");
  const fqdnOf = (owner: string) => ports.find((p) => attr(p, "Owner") === `urn:component:${owner}` && attr(p, "ConfiguredFqdn"))?.["@ConfiguredFqdn"] as string | undefined;
  const names: Record<string, string> = {};
  for (const [key, owner] of [
    ["accessEdgeFqdn", "AccessEdge"],
    ["webConfEdgeFqdn", "DataEdge"],
    ["avEdgeFqdn", "MediaRelayEdge"],
  ] as const) {
    const fqdn = fqdnOf(owner);
    if (fqdn) names[key] = fqdn.toLowerCase();
    else assumptions.push(`TOPO-EDGE-EXT: the Edge pool ${c.fqdn} names no external FQDN for ${owner}; add ${key} to the site file.`);
  }
  const distinct = new Set(Object.values(names));
  if (distinct.size === 1 && Object.keys(names).length === 3)
    assumptions.push(`TOPO-EDGE-EXT: the Edge pool ${c.fqdn} uses one external FQDN (${[...distinct][0]}) for all three services.`);
  return names;
}

function readSimpleUrls(root: XmlNode, sipDomains: string[], options: TopologyImportOptions, assumptions: string[]): Record<string, string[]> {
  const urls = findAll(root, "SimpleUrl");
  const fromTopology = (components: string[]) =>
    urls
      .filter((u) => components.includes(attr(u, "Component") ?? ""))
      .map((u) => host(attr(u, "ActiveUrl") ?? attr(findAll(u, "SimpleUrlEntry")[0], "Url")))
      .filter((h): h is string => Boolean(h));
  const pick = (name: "meet" | "dialin" | "admin", components: string[], fallback: string[]) => {
    if (options[name]?.length) return options[name]!.map((h) => h.toLowerCase());
    const found = fromTopology(components);
    if (found.length) return [...new Set(found)];
    if (fallback.length) assumptions.push(`TOPO-SIMPLEURL: no ${name} simple URL in the topology; assumed ${fallback.join(", ")} (give --${name} to set it).`);
    return fallback;
  };
  return {
    meet: pick(
      "meet",
      ["Meet"],
      sipDomains.map((d) => `meet.${d}`),
    ),
    dialin: pick("dialin", ["Dialin"], [`dialin.${sipDomains[0]}`]),
    admin: pick("admin", ["Admin", "Cscp"], []),
  };
}
