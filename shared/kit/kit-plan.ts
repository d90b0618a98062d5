import { certRole, type RoleId } from "../roles/cert-roles";
import type { CertType } from "../roles/cert-types";
import { planRequestsForSite, SEPARABLE } from "../planner/plan-all";
import type { CertificatePlan, PlanRequest } from "../planner/plan-types";
import type { Site } from "../site/site-types";
import { siteDrift } from "./site-drift";
import { certificateState } from "../certificates/certificate-state";
import { shownName } from "../x509/names";
import { isEcdsaKey, type KeySpec } from "../crypto/key-spec";
import { planCertificate } from "../planner/plan";

/** What the keystore holds of one request, as far as a kit needs it. */
export interface KitSource {
  id: string;
  createdAt: string;
  plan: CertificatePlan;
  /** The key's type as requested: an ECDSA key is one Lync Server 2013 cannot use (LC-ECDSA-CNG). */
  key?: KeySpec;
  certificate?: { thumbprint: string; notBefore?: string; notAfter: string; errors: number; issuerMissing?: string };
}

export interface KitPlanOptions {
  /** Take an ECDSA certificate where no RSA one is usable (Skype for Business Server 2015 and later only). */
  allowEcdsa?: boolean;
}

/**
 * ready: packaged. The others block the rollout of that certificate: only an ECDSA certificate (not chosen
 * explicitly), the issuing CA's certificate missing, not requested yet, requested but not answered by the CA, answered with errors, expired, or
 * planned before the site changed.
 */
export type KitState = "ready" | "ecdsa-key" | "chain-incomplete" | "not-requested" | "pending" | "needs-reissue" | "expired" | "site-changed";

export interface KitEntry {
  role: RoleId;
  /** The certificate's server: the member, the pool for Edge certificates, null for deployment-wide ones. */
  target: string | null;
  types: CertType[];
  state: KitState;
  /** Why it is not ready, in words an admin acts on; for a ready one, what the admin must know (an ECDSA key chosen). */
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
  kind: KitKind;
  entries: KitEntry[];
}

/** What a kit's server runs: a Lync role, the reverse proxy, or an Office Web Apps farm machine (neither has Lync cmdlets). */
export type KitKind = "lync" | "reverse-proxy" | "office-web-apps";

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
  "office-web-apps",
];

/**
 * Every server of the site with the certificates it needs and, for each, the request that answers it. Edge
 * certificates are one per pool and go to every member; OAuthTokenIssuer goes once, to the first Front End
 * or Standard Edition server (OAUTH-GLOBAL: replication copies it); the reverse proxy gets its own kit.
 */
export function planKits(site: Site, sources: readonly KitSource[], at: Date, options: KitPlanOptions = {}): ServerKit[] {
  const kits = new Map<string, ServerKit>();
  const kitFor = (server: string, pool: string | null, kind: ServerKit["kind"]) => {
    let kit = kits.get(server);
    if (!kit) kits.set(server, (kit = { server, pool, kind, entries: [] }));
    return kit;
  };
  for (const pool of site.pools) for (const server of pool.servers) kitFor(server, pool.fqdn, "lync");
  const oauthHost = site.pools.find((p) => p.role === "front-end" || p.role === "standard-edition")?.servers[0];

  for (const expected of expectedRequests(site, sources)) {
    const { request } = expected;
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
            : request.role === "office-web-apps"
              ? [site.officeWebApps!.fqdn]
              : [REVERSE_PROXY_FOLDER];
    const entry = entryFor(site, expected, sources, at, options);
    for (const server of servers) {
      const kind: KitKind = request.role === "reverse-proxy" || request.role === "office-web-apps" ? request.role : "lync";
      const kit = kitFor(server, role.scope === "member" || role.scope === "pool" ? poolOf(site, server) : null, kind);
      kit.entries.push({ ...entry, sharedWith: servers.filter((s) => s !== server) });
    }
  }
  for (const kit of kits.values()) kit.entries.sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role) || SEPARATE.indexOf(a.types[0]!) - SEPARATE.indexOf(b.types[0]!));
  return [...kits.values()];
}

function poolOf(site: Site, server: string): string | null {
  return site.pools.find((p) => p.servers.includes(server))?.fqdn ?? null;
}

/** A certificate the site needs, with the usages it carries (as the planner resolves them: XMPPServer included). */
interface Expected {
  request: PlanRequest;
  types: CertType[];
  /** One of several certificates for what is usually one (separate web certificates, A/V Authentication apart). */
  split: boolean;
}

/**
 * The site's certificates in the layout the admin requested them: a web role as separate Default /
 * WebServicesInternal / WebServicesExternal certificates when that is how its requests were made, and any
 * certificate whose requests each carry part of its usages (A/V Authentication requested apart, as
 * Microsoft recommends for -Roll) as those parts, the usages no request carries as one more.
 */
function expectedRequests(site: Site, sources: readonly KitSource[]): Expected[] {
  return planRequestsForSite(site).flatMap((request): Expected[] => {
    const types = planCertificate(site, request).types;
    const mine = sources.filter((s) => sameServer(s.plan, request));
    const partial = mine.map((s) => types.filter((t) => s.plan.types.includes(t))).filter((p) => p.length > 0);
    if (SEPARABLE.includes(request.role) && mine.length > 0 && mine.every((s) => s.plan.types.length === 1 && SEPARATE.includes(s.plan.types[0]!)))
      return SEPARATE.map((t) => ({ request: { ...request, types: [t] }, types: [t], split: true }));
    if (partial.length === 0 || partial.some((p) => p.length === types.length)) return [{ request, types, split: false }];
    const parts = [...new Map(partial.map((p) => [p.join(","), p])).values()].sort((a, b) => types.indexOf(a[0]!) - types.indexOf(b[0]!));
    const rest = types.filter((t) => !parts.some((p) => p.includes(t)));
    return [...parts, ...(rest.length ? [rest] : [])].map((p) => ({ request: { ...request, types: p }, types: p, split: true }));
  });
}

function sameServer(plan: CertificatePlan, request: PlanRequest): boolean {
  return plan.role === request.role && (certRole(request.role).scope === "deployment" || plan.server === request.server);
}

/** A request answers a planned certificate when it is for the same server and carries every usage asked for. */
function sameTarget(plan: CertificatePlan, expected: Expected): boolean {
  return sameServer(plan, expected.request) && expected.types.every((t) => plan.types.includes(t));
}

/** The request that answers a planned certificate: the best issued one (RSA before ECDSA), else the newest pending one. */
function entryFor(site: Site, expected: Expected, sources: readonly KitSource[], at: Date, options: KitPlanOptions): Omit<KitEntry, "sharedWith"> {
  const { request } = expected;
  const base = {
    role: request.role,
    target: request.server ?? null,
    types: expected.types,
    fileName: kitFileName(request.role, expected.split ? expected.types : undefined),
  };
  const candidates = sources.filter((s) => sameTarget(s.plan, expected)).map((s) => ({ source: s, ...judge(s, site, at, options) }));
  const best = candidates.sort((a, b) => RANK.indexOf(a.state) - RANK.indexOf(b.state) || ecdsaLast(a.source, b.source) || newer(b.source, a.source))[0];
  if (!best) return { ...base, state: "not-requested", why: "no request yet", requestId: undefined, thumbprint: undefined, notAfter: undefined };
  return { ...base, state: best.state, why: best.why, requestId: best.source.id, thumbprint: best.source.certificate?.thumbprint, notAfter: best.source.certificate?.notAfter };
}

const isEcdsa = (s: KitSource) => s.key !== undefined && isEcdsaKey(s.key);
const ecdsaLast = (a: KitSource, b: KitSource) => Number(isEcdsa(a)) - Number(isEcdsa(b));

const RANK: readonly KitState[] = ["ready", "ecdsa-key", "chain-incomplete", "needs-reissue", "site-changed", "expired", "pending", "not-requested"];

function newer(a: KitSource, b: KitSource): number {
  return (a.certificate?.notAfter ?? a.createdAt).localeCompare(b.certificate?.notAfter ?? b.createdAt);
}

function judge(s: KitSource, site: Site, at: Date, options: KitPlanOptions): { state: KitState; why: string | undefined } {
  const drift = siteDrift(site, s.plan);
  if (!s.certificate) return drift ? { state: "site-changed", why: `${drift}: make a new request` } : { state: "pending", why: "requested, the CA's answer not imported yet" };
  // The same states as everywhere else (errors first, then expiry); expiring and warnings still ship.
  const { issuerMissing } = s.certificate;
  const { state } = certificateState(
    { status: "issued", notBefore: s.certificate.notBefore, notAfter: s.certificate.notAfter, errors: s.certificate.errors, warnings: null, issuerMissing },
    at,
  );
  if (state === "chain-incomplete")
    return { state, why: `the issuing CA's certificate (${shownName(issuerMissing!)}) is missing: import it, so the PFX carries the chain the server needs` };
  if (state === "needs-reissue") return { state, why: `the issued certificate has ${s.certificate.errors} error(s): ask the CA to issue again from the same request` };
  if (state === "expired") return { state, why: `expired ${s.certificate.notAfter.slice(0, 10)}: renew it` };
  if (drift) return { state: "site-changed", why: `${drift}: the certificate needs re-issue` };
  if (!isEcdsa(s)) return { state: "ready", why: undefined };
  // PFXImportCertStore puts an ECDSA key in a CNG key storage provider, which Lync Server 2013 cannot use.
  return options.allowEcdsa
    ? { state: "ready", why: `ECDSA key (${s.key}), chosen explicitly: Skype for Business Server 2015 and later only, never Lync Server 2013 (LC-ECDSA-CNG)` }
    : {
        state: "ecdsa-key",
        why: `its key is ECDSA (${s.key}), which goes to a CNG key storage provider that Lync Server 2013 cannot use (LC-ECDSA-CNG): request an RSA certificate, or choose this one explicitly for Skype for Business Server 2015 and later`,
      };
}

/** The PFX's name inside a kit folder: role, and the usages when the certificate is one of several parts. */
export function kitFileName(role: RoleId, splitTypes: readonly CertType[] | undefined): string {
  return `${role}${splitTypes ? `-${splitTypes.join("-")}` : ""}.pfx`;
}

export function kitComplete(kit: ServerKit): boolean {
  return kit.entries.length > 0 && kit.entries.every((e) => e.state === "ready");
}
