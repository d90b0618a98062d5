import { certificateState } from "../../../shared/certificates/certificate-state";
import { covers } from "../../../shared/certificates/coverage";
import type { PfxProfile } from "../../../shared/export/pfx-profile";
import { planRequestsForSite } from "../../../shared/planner/plan-all";
import { planCertificate } from "../../../shared/planner/plan";
import type { CertificatePlan, PlanRequest } from "../../../shared/planner/plan-types";
import { needsPublicCa } from "../../../shared/planner/public-ca";
import type { Site } from "../../../shared/site/site-types";
import { certificateFacts } from "../../../shared/x509/certificate-facts";
import type { StoredRequest } from "../keystore/keystore";
import { buildKits, type KitResult } from "../kit-service";
import { renewRequest } from "../renew-service";
import { createRequest } from "../request-service";
import { openAccount } from "./acme-accounts";
import { AcmeClient } from "./acme-client";
import { orderCertificate, type OrderOptions, type OrderResult } from "./acme-service";
import { ariCertId, renewalWindow } from "./renewal-info";

export interface RenewRoundOptions extends Omit<OrderOptions, "id" | "replaces"> {
  site: Site;
  /** Kits for every server once the round is done: where, and the PFX password. */
  kits?: { outDir: string; password: string; profile: PfxProfile };
}

/** One public certificate of the site, and what the round did for it. */
export interface RoundItem {
  role: string;
  server: string | null;
  /** Why it was due: no certificate yet, its request waiting, its state, or the CA's renewal window. */
  why: string;
  /** The request ordered (new, or the one that was waiting). */
  requestId: string | undefined;
  /** The request it renews. */
  renews: string | undefined;
  result: OrderResult | undefined;
  error: string | undefined;
}

export interface RoundResult {
  renewed: RoundItem[];
  /** Certificates not due yet, with the start of their renewal window. */
  notDue: { role: string; server: string | null; requestId: string; from: string; source: string }[];
  kits: KitResult | undefined;
}

/** The newest request for a certificate: the same role and server, carrying every usage the plan needs. */
function newestFor(plan: CertificatePlan, requests: readonly StoredRequest[]): StoredRequest | undefined {
  return requests.filter(({ record: r }) => covers(r.plan, plan)).sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt))[0];
}

/**
 * The renewal round for the public certificates (Edge external, reverse proxy): each one that is due gets a new key
 * and request from today's plan, is ordered over ACME and imported; then the kits are built for every server. Due:
 * no certificate yet, a request still waiting, needs re-issue, expiring or expired, or inside the CA's ARI window.
 * One passphrase for all; one certificate's failure is reported and the others go on.
 */
export async function renewPublicCertificates(o: RenewRoundOptions): Promise<RoundResult> {
  const { key } = await openAccount(o.store, o.directory, o.passphrase);
  const client = await AcmeClient.open(o.directory, key, o.transport);
  const planned = planRequestsForSite(o.site)
    .map((request) => ({ request, plan: planCertificate(o.site, request) }))
    .filter(({ plan }) => needsPublicCa(plan));
  const { requests } = await o.store.list();
  const renewed: RoundItem[] = [];
  const notDue: RoundResult["notDue"] = [];
  for (const { request, plan } of planned) {
    const current = newestFor(plan, requests);
    const item: RoundItem = { role: plan.role, server: plan.server, why: "", requestId: undefined, renews: undefined, result: undefined, error: undefined };
    try {
      const due = await dueness(current, o, client.directory.renewalInfo);
      if (!due.due) {
        notDue.push({ role: plan.role, server: plan.server, requestId: current!.record.id, from: due.from!, source: due.source! });
        continue;
      }
      item.why = due.why;
      o.say(`${plan.server ?? plan.cn} (${plan.role}): ${due.why}`);
      const made = await newRequest(request, current, due.renew, o);
      item.requestId = made.id;
      item.renews = made.renews;
      item.result = await orderCertificate({ ...o, id: made.id, replaces: due.replaces });
    } catch (e) {
      item.error = (e as Error).message;
      o.say(`  failed: ${item.error}`);
    }
    renewed.push(item);
  }
  const kits = o.kits
    ? await buildKits({ site: o.site, store: o.store, outDir: o.kits.outDir, keystorePassphrase: o.passphrase, password: o.kits.password, profile: o.kits.profile, at: o.at() })
    : undefined;
  return { renewed, notDue, kits };
}

interface Dueness {
  due: boolean;
  why: string;
  /** A new key and request renewing `current` (false: order the waiting request as it is, or make a first one). */
  renew: boolean;
  replaces?: string;
  from?: string;
  source?: string;
}

async function dueness(current: StoredRequest | undefined, o: RenewRoundOptions, renewalInfo: string | undefined): Promise<Dueness> {
  if (!current) return { due: true, why: "no certificate yet", renew: false };
  const issued = current.record.certificate;
  if (!issued) return { due: true, why: `request ${current.record.id} is waiting for the CA`, renew: false };
  const { state, label } = certificateState(
    { status: "issued", notBefore: issued.notBefore, notAfter: issued.notAfter, errors: issued.errors, warnings: issued.warnings ?? null, issuerMissing: issued.issuerMissing },
    o.at(),
  );
  const leaf = certificateFacts((await o.store.certificateChain(current))[0]!);
  const replaces = ariCertId(leaf);
  if (state === "needs-reissue" || state === "expired" || state === "expiring") return { due: true, why: label, renew: true, replaces };
  const window = await renewalWindow(leaf, renewalInfo, o.transport);
  if (o.at() >= window.start) return { due: true, why: `inside the CA's renewal window since ${window.start.toISOString()} (${window.source})`, renew: true, replaces };
  return { due: false, why: "", renew: false, from: window.start.toISOString(), source: window.source };
}

async function newRequest(request: PlanRequest, current: StoredRequest | undefined, renew: boolean, o: RenewRoundOptions): Promise<{ id: string; renews: string | undefined }> {
  if (current && !renew) return { id: current.record.id, renews: current.record.renews };
  if (current) {
    const r = await renewRequest({ store: o.store, id: current.record.id, site: o.site, passphrase: o.passphrase, key: undefined, out: undefined, crlf: true, force: false });
    return { id: r.id, renews: current.record.id };
  }
  // A first public certificate: RSA 2048, which every Lync and Skype for Business Server takes; no template (a public CA has none).
  const r = await createRequest({
    site: o.site,
    planRequest: request,
    key: "rsa2048",
    hash: undefined,
    subject: {},
    template: null,
    passphrase: o.passphrase,
    store: o.store,
    out: undefined,
    crlf: true,
    force: false,
  });
  return { id: r.id, renews: undefined };
}
