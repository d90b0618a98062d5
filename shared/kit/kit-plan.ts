import { certRole, type RoleId } from "../roles/cert-roles";
import type { CertType } from "../roles/cert-types";
import { planRequestsForSite, SEPARABLE } from "../planner/plan-all";
import type { CertificatePlan, PlanRequest } from "../planner/plan-types";
import type { Site } from "../site/site-types";
import { siteDrift } from "./site-drift";
import { certificateState } from "../certificates/certificate-state";

/** What the keystore holds of one request, as far as a kit needs it. */
export interface KitSource {
  id: string;
  createdAt: string;
  plan: CertificatePlan;
  certificate?: { thumbprint: string; notAfter: string; errors: number };
}

/**
 * ready: packaged. The others block the rollout of that certificate: not requested yet, requested but not
 * answered by the CA, answered with errors, expired, or planned before the site changed.
 */
export type KitState = "ready" | "not-requested" | "pending" | "needs-reissue" | "expired" | "site-changed";

export interface KitEntry {
  role: RoleId;
  /** The certificate's server: the member, the pool for Edge certificates, null for deployment-wide ones. */
  target: string | null;
  types: CertType[];
  state: KitState;
  /** Why it is not ready, in words an admin acts on. */
  why: string | undefined;
  requestId: string | undefined;
  thumbprint: string | undefined;
  notAfter: string | undefined;
  /** File name inside the server's folder. */
  fileName: string;
  /** Other servers that get this very certificate and key (EDGE-AV-SAME-KEY, EDGE-INT-EXPORTABLE). */
  sharedWith: string[];
}

export interface ServerKit {
  /** The server's FQDN, also the kit folder's name; "reverse-proxy" for the reverse proxy, which the topology does not name. */
  server: string;
  pool: string | null;
  /** What the server runs: a Lync pool role, or the reverse proxy (no Lync cmdlets there). */
  kind: "lync" | "reverse-proxy";
  entries: KitEntry[];
}

export const REVERSE_PROXY_FOLDER = "reverse-proxy";
const SEPARATE: readonly CertType[] = ["Default", "WebServicesInternal", "WebServicesExternal"];
/** Import order on a server: Edge internal before external, web certificates, OAuthTokenIssuer (global) last. */
const ORDER: readonly RoleId[] = [
  "edge-internal",
  "edge-external",
  "standard-edition",
  "front-end",
  "director",
  "mediation",
  "persistent-chat",
  "survivable-branch-appliance",
  "oauth-token-issuer",
  "reverse-proxy",
];

/**
 * Every server of the site with the certificates it needs and, for each, the request that answers it. Edge
 * certificates are one per pool and go to every member; OAuthTokenIssuer goes once, to the first Front End
 * or Standard Edition server (OAUTH-GLOBAL: replication copies it); the reverse proxy gets its own kit.
 */
export function planKits(site: Site, sources: readonly KitSource[], at: Date): ServerKit[] {
  const kits = new Map<string, ServerKit>();
  const kitFor = (server: string, pool: string | null, kind: ServerKit["kind"]) => {
    let kit = kits.get(server);
    if (!kit) kits.set(server, (kit = { server, pool, kind, entries: [] }));
    return kit;
  };
  for (const pool of site.pools) for (const server of pool.servers) kitFor(server, pool.fqdn, "lync");
  const oauthHost = site.pools.find((p) => p.role === "front-end" || p.role === "standard-edition")?.servers[0];

  for (const request of expectedRequests(site, sources)) {
    const role = certRole(request.role);
    const servers =
      role.scope === "member"
        ? [request.server!]
        : role.scope === "pool"
          ? (site.pools.find((p) => p.fqdn === request.server)?.servers ?? [])
          : request.role === "oauth-token-issuer"
            ? oauthHost
              ? [oauthHost]
              : []
            : [REVERSE_PROXY_FOLDER];
    const entry = entryFor(site, request, sources, at);
    for (const server of servers) {
      const kit = kitFor(server, role.scope === "member" || role.scope === "pool" ? poolOf(site, server) : null, request.role === "reverse-proxy" ? "reverse-proxy" : "lync");
      kit.entries.push({ ...entry, sharedWith: servers.filter((s) => s !== server) });
    }
  }
  for (const kit of kits.values()) kit.entries.sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role) || SEPARATE.indexOf(a.types[0]!) - SEPARATE.indexOf(b.types[0]!));
  return [...kits.values()];
}

function poolOf(site: Site, server: string): string | null {
  return site.pools.find((p) => p.servers.includes(server))?.fqdn ?? null;
}

/**
 * The site's certificates, combined or separate as the admin requested them: a web role is expected as
 * separate Default / WebServicesInternal / WebServicesExternal certificates when that is how its requests were made.
 */
function expectedRequests(site: Site, sources: readonly KitSource[]): PlanRequest[] {
  return planRequestsForSite(site).flatMap((request) => {
    const mine = sources.filter((s) => sameServer(s.plan, request));
    const separate = SEPARABLE.includes(request.role) && mine.length > 0 && mine.every((s) => s.plan.types.length === 1 && SEPARATE.includes(s.plan.types[0]!));
    return separate ? SEPARATE.map((t) => ({ ...request, types: [t] })) : [request];
  });
}

function sameServer(plan: CertificatePlan, request: PlanRequest): boolean {
  return plan.role === request.role && (certRole(request.role).scope === "deployment" || plan.server === request.server);
}

/** A request answers a planned certificate when it is for the same server and carries every usage asked for. */
function sameTarget(plan: CertificatePlan, request: PlanRequest): boolean {
  return sameServer(plan, request) && (request.types ?? certRole(request.role).defaultTypes).every((t) => plan.types.includes(t));
}

/** The request that answers a planned certificate: the best issued one, else the newest pending one. */
function entryFor(site: Site, request: PlanRequest, sources: readonly KitSource[], at: Date): Omit<KitEntry, "sharedWith"> {
  const base = {
    role: request.role,
    target: request.server ?? null,
    types: [...(request.types ?? certRole(request.role).defaultTypes)],
    fileName: kitFileName(request.role, request.types),
  };
  const candidates = sources.filter((s) => sameTarget(s.plan, request)).map((s) => ({ source: s, ...judge(s, site, at) }));
  const best = candidates.sort((a, b) => RANK.indexOf(a.state) - RANK.indexOf(b.state) || newer(b.source, a.source))[0];
  if (!best) return { ...base, state: "not-requested", why: "no request yet (lynccert request --all)", requestId: undefined, thumbprint: undefined, notAfter: undefined };
  return { ...base, state: best.state, why: best.why, requestId: best.source.id, thumbprint: best.source.certificate?.thumbprint, notAfter: best.source.certificate?.notAfter };
}

const RANK: readonly KitState[] = ["ready", "needs-reissue", "site-changed", "expired", "pending", "not-requested"];

function newer(a: KitSource, b: KitSource): number {
  return (a.certificate?.notAfter ?? a.createdAt).localeCompare(b.certificate?.notAfter ?? b.createdAt);
}

function judge(s: KitSource, site: Site, at: Date): { state: KitState; why: string | undefined } {
  const drift = siteDrift(site, s.plan);
  if (!s.certificate) return drift ? { state: "site-changed", why: `${drift}: make a new request` } : { state: "pending", why: "requested, the CA's answer not imported yet" };
  // The same states as everywhere else (errors first, then expiry); expiring and warnings still ship.
  const { state } = certificateState({ status: "issued", notAfter: s.certificate.notAfter, errors: s.certificate.errors, warnings: null }, at);
  if (state === "needs-reissue") return { state, why: `the issued certificate has ${s.certificate.errors} error(s): ask the CA to issue again from the same request` };
  if (state === "expired") return { state, why: `expired ${s.certificate.notAfter.slice(0, 10)}: renew it` };
  if (drift) return { state: "site-changed", why: `${drift}: the certificate needs re-issue` };
  return { state: "ready", why: undefined };
}

/** The PFX's name inside a kit folder: role, and the usage when the web certificates are separate. */
export function kitFileName(role: RoleId, types: readonly CertType[] | undefined): string {
  return `${role}${SEPARABLE.includes(role) && types?.length === 1 ? `-${types[0]}` : ""}.pfx`;
}

export function kitComplete(kit: ServerKit): boolean {
  return kit.entries.length > 0 && kit.entries.every((e) => e.state === "ready");
}
