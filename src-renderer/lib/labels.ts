import { CERT_ROLE_IDS, certRole } from "../../shared/roles/cert-roles";
import type { PoolRole } from "../../shared/site/site-types";

/** A certificate role's title ("Front End Server (Enterprise pool member)"), or the id as given when unknown. */
export function roleTitle(id: string): string {
  return (CERT_ROLE_IDS as readonly string[]).includes(id) ? certRole(id as (typeof CERT_ROLE_IDS)[number]).title : id;
}

/** Pool roles as Topology Builder names them, for the admin's eyes (the site file keeps the ids). */
export const POOL_ROLE_TITLES: Record<PoolRole, string> = {
  "standard-edition": "Standard Edition server",
  "front-end": "Enterprise Edition Front End pool",
  director: "Director pool",
  mediation: "Mediation pool",
  edge: "Edge pool",
  "persistent-chat": "Persistent Chat pool",
  "survivable-branch-appliance": "Survivable Branch Appliance",
};

/** A pool role's title with its article: "an Edge pool", "a Director pool". */
export function aPoolRole(role: PoolRole): string {
  const title = POOL_ROLE_TITLES[role];
  return `${/^[AEIOU]/.test(title) ? "an" : "a"} ${title}`;
}

/** A date in the admin's locale, with the days left until it (or since it passed). */
export function dateWithDaysLeft(iso: string, now: Date): string {
  const days = Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
  const date = new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  return `${date} (${days >= 0 ? `${days} day${days === 1 ? "" : "s"} left` : `${-days} day${days === -1 ? "" : "s"} ago`})`;
}
