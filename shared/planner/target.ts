import { InputError } from "../errors";
import { certRole, type RoleId } from "../roles/cert-roles";
import type { Pool, Site } from "../site/site-types";

export interface Target {
  pool: Pool | undefined;
  /** The member the certificate is for; the pool FQDN for per-pool roles; undefined deployment-wide. */
  server: string | undefined;
}

/** Finds the pool and server `--server` names for a role, or the only candidate when it is left out. */
export function resolveTarget(site: Site, roleId: RoleId, server: string | undefined): Target {
  const role = certRole(roleId);
  const wanted = server?.toLowerCase();
  if (role.scope === "deployment") {
    if (wanted !== undefined) throw new InputError(`--server: the ${role.title} certificate is one for the whole deployment; leave --server out`, { field: "--server" });
    return { pool: undefined, server: undefined };
  }
  const pools = site.pools.filter((p) => p.role === role.poolRole);
  if (pools.length === 0) throw new InputError(`site file has no ${role.poolRole} pool, so there is no ${role.title} certificate to plan`, { field: "pools" });

  if (role.scope === "pool") {
    const candidates = pools.map((p) => p.fqdn);
    const pool = wanted === undefined ? onlyOne(pools, candidates, role.title) : pools.find((p) => p.fqdn === wanted || p.servers.includes(wanted));
    if (!pool) throw new InputError(`--server ${server}: no ${role.poolRole} pool or member has that name; choose one of ${candidates.join(", ")}`, { field: "--server" });
    return { pool, server: pool.fqdn };
  }

  const members = membersOf(site, role.poolRole!);
  if (wanted === undefined) return onlyOne([...members.values()], [...members.keys()], role.title);
  const member = members.get(wanted);
  if (member) return member;
  const named = pools.find((p) => p.fqdn === wanted);
  if (named) {
    throw new InputError(`--server ${server} is a pool; each member gets its own certificate (FE-PER-SERVER): name one of ${named.servers.join(", ")}`, {
      field: "--server",
      rule: "FE-PER-SERVER",
    });
  }
  throw new InputError(`--server ${server}: no ${role.poolRole} server has that name; choose one of ${[...members.keys()].join(", ")}`, { field: "--server" });
}

/** Each role's servers by name, made once per site: planning every server of a large site stays linear. */
const MEMBERS = new WeakMap<Site, Map<string, Map<string, Target>>>();

function membersOf(site: Site, poolRole: string): Map<string, Target> {
  let byRole = MEMBERS.get(site);
  if (!byRole) MEMBERS.set(site, (byRole = new Map()));
  let members = byRole.get(poolRole);
  if (!members) {
    members = new Map(site.pools.filter((p) => p.role === poolRole).flatMap((p) => p.servers.map((s) => [s, { pool: p, server: s }] as const)));
    byRole.set(poolRole, members);
  }
  return members;
}

function onlyOne<T>(items: readonly T[], names: readonly string[], title: string): T {
  if (items.length !== 1)
    throw new InputError(`--server is needed: the site has ${items.length} candidates for the ${title} certificate (${names.join(", ")})`, { field: "--server" });
  return items[0]!;
}
