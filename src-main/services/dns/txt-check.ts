import { Resolver } from "node:dns/promises";
import { InputError } from "../../../shared/errors";

/** A DNS server as HOST:PORT (IPv6 in brackets); port 53 when not given. */
export interface DnsServer {
  host: string;
  port: number;
}

export function parseDnsServer(text: string, field: string): DnsServer {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:\s]+))(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[3] ? Number(m[3]) : 53;
  if (!m || port < 1 || port > 65535) throw new InputError(`${field} ${text}: give HOST or HOST:PORT (IPv6 as [ADDR]:PORT)`, { field });
  return { host: m[1] ?? m[2]!, port };
}

const serverText = (s: DnsServer) => (s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`);

/** A resolver that asks exactly these servers. */
export function resolverAt(servers: readonly DnsServer[]): Resolver {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers(servers.map(serverText));
  return r;
}

/**
 * The servers to look at for a name: the one the admin named (--dns-check), else the zone's authoritative
 * servers, found from the system's resolver (NS of the closest enclosing zone, then their addresses). A CA looks
 * there, not in a resolver's cache, so a record is visible to the CA once it is visible there.
 */
export async function authoritativeServers(name: string): Promise<DnsServer[]> {
  const system = new Resolver({ timeout: 3000, tries: 2 });
  const labels = name.split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const zone = labels.slice(i).join(".");
    const ns = await system.resolveNs(zone).catch(() => [] as string[]);
    if (ns.length === 0) continue;
    const addresses = (await Promise.all(ns.map((n) => system.resolve4(n).catch(() => [] as string[])))).flat();
    if (addresses.length) return addresses.map((host) => ({ host, port: 53 }));
  }
  throw new InputError(`${name}: no authoritative DNS server found for it; name one with --dns-check HOST:PORT`, { field: "--dns-check" });
}

/** The name a record really goes to: the target of a CNAME at `_acme-challenge.<name>` (a delegation to a zone that takes updates). */
export async function delegatedName(name: string, servers: readonly DnsServer[] | undefined): Promise<string> {
  const resolver = servers ? resolverAt(servers) : new Resolver({ timeout: 3000, tries: 2 });
  const [target] = await resolver.resolveCname(name).catch(() => [] as string[]);
  return target ?? name;
}

export interface TxtWait {
  /** The server named by the admin (--dns-check); the authoritative servers otherwise. */
  servers: readonly DnsServer[] | undefined;
  timeoutMs: number;
  intervalMs: number;
  /** Called once per round while a value is not yet visible, to say what is waited for. */
  onWait?: (missing: { name: string; value: string; server: string }[]) => void;
}

/**
 * Waits until every TXT value is visible at every server that answers for its name, before the CA is asked to
 * validate: a value the CA does not see makes the authorization invalid at once, and failed validations are
 * rate-limited. Bounded: past `timeoutMs` the names still missing are named.
 */
export async function waitForTxt(records: readonly { name: string; value: string }[], o: TxtWait): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  const serversOf = new Map<string, DnsServer[]>();
  for (const r of records) serversOf.set(r.name, o.servers ? [...o.servers] : await authoritativeServers(r.name));
  for (;;) {
    const missing: { name: string; value: string; server: string }[] = [];
    for (const r of records) {
      for (const server of serversOf.get(r.name)!) {
        const seen = await resolverAt([server])
          .resolveTxt(r.name)
          .then((rows) => rows.map((parts) => parts.join("")))
          .catch(() => [] as string[]);
        if (!seen.includes(r.value)) missing.push({ ...r, server: serverText(server) });
      }
    }
    if (missing.length === 0) return;
    if (Date.now() >= deadline)
      throw new InputError(
        `the TXT record${missing.length === 1 ? " is" : "s are"} not visible after ${Math.round(o.timeoutMs / 1000)} s: ${missing.map((m) => `${m.name} "${m.value}" at ${m.server}`).join("; ")}; the CA was not asked to validate`,
        { field: "--dns-check" },
      );
    o.onWait?.(missing);
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
}
