import type { RoleId } from "../roles/cert-roles";
import type { Pool, Site } from "../site/site-types";
import { DIRECTOR_RULES, FRONT_END_RULES } from "./internal-server-rules";
import type { UnwantedName } from "./plan-types";

/**
 * Names a reference rule keeps off this certificate, so a certificate that carries one is told that rule, not
 * the generic "extra name" notice: another member's FQDN on a pool member's certificate (only this member:
 * FE-DEFAULT-SAN-SERVER), and the Admin simple URL on the reverse proxy's (an internal Control Panel URL: RP-NO-ADMIN).
 */
export function unwantedNames(site: Site, role: RoleId, pool: Pool | undefined, server: string | undefined): UnwantedName[] {
  if ((role === "front-end" || role === "director") && pool && server) {
    const rule = role === "front-end" ? FRONT_END_RULES.defaultServer : DIRECTOR_RULES.defaultServer;
    return pool.servers
      .filter((s) => s !== server)
      .map((name) => ({ name, rule, why: `${name} is another member of ${pool.fqdn}: each member's certificate names only that member` }));
  }
  if (role === "reverse-proxy")
    return site.simpleUrls.admin.map((name) => ({
      name,
      rule: "RP-NO-ADMIN",
      why: `${name} is the Admin simple URL, an internal Control Panel URL that no reverse proxy publishes`,
    }));
  return [];
}
