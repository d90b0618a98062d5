import { isAtOrUnder, parentDomain } from "./host-name";
import type { Pool, Site } from "./site-types";

/** Every name a pool contributes to certificates: its FQDN, members, web and Edge external names. */
function poolNames(p: Pool): string[] {
  return [p.fqdn, ...p.servers, p.internalWebFqdn, p.externalWebFqdn, p.accessEdgeFqdn, p.webConfEdgeFqdn, p.avEdgeFqdn].filter((n): n is string => Boolean(n));
}

/**
 * Pools whose names are under none of the site's domains (SIP domains, the internal domain) nor under the
 * domain of any other pool: a leftover of an example or of another site (an Edge pool with contoso names in a
 * fabrikam site). A warning, not an error: the names are valid, just probably not the admin's.
 */
export function foreignPools(site: Site): { index: number; fqdn: string; domains: string[] }[] {
  return site.pools.flatMap((pool, index) => {
    const known = new Set([...site.sipDomains, ...(site.internalDomain ? [site.internalDomain] : [])]);
    site.pools.forEach((other, j) => j !== index && poolNames(other).forEach((n) => known.add(parentDomain(n))));
    const names = poolNames(pool);
    return names.some((n) => [...known].some((d) => isAtOrUnder(n, d))) ? [] : [{ index, fqdn: pool.fqdn, domains: [...known] }];
  });
}
