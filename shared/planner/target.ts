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

  const members = pools.flatMap((p) => p.servers.map((s) => ({ pool: p, server: s })));
  const candidates = members.map((m) => m.server);
  if (wanted === undefined) return onlyOne(members, candidates, role.title);
  const member = members.find((m) => m.server === wanted);
  if (member) return member;
  const named = pools.find((p) => p.fqdn === wanted);
  if (named) {
    throw new InputError(`--server ${server} is a pool; each member gets its own certificate (FE-PER-SERVER): name one of ${named.servers.join(", ")}`, {
      field: "--server",
      rule: "FE-PER-SERVER",
    });
  }
  throw new InputError(`--server ${server}: no ${role.poolRole} server has that name; choose one of ${candidates.join(", ")}`, { field: "--server" });
}

function onlyOne<T>(items: readonly T[], names: readonly string[], title: string): T {
  if (items.length !== 1)
    throw new InputError(`--server is needed: the site has ${items.length} candidates for the ${title} certificate (${names.join(", ")})`, { field: "--server" });
  return items[0]!;
}
