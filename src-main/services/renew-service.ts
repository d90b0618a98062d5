import type { KeySpec } from "../../shared/crypto/key-spec";
import { nameChanges, renewalRequest, type NameChanges } from "../../shared/certificates/renewal";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import type { Site } from "../../shared/site/site-types";
import { certificateFacts } from "../../shared/x509/certificate-facts";
import type { Keystore } from "./keystore/keystore";
import { createRequest, type RequestResult } from "./request-service";

export interface RenewalPlan {
  renews: string;
  plan: CertificatePlan;
  changes: NameChanges;
}

/**
 * What renewing a request would ask for: the same certificate planned from today's site, compared with the
 * names the old certificate carries as issued (or as planned, while it is still pending).
 */
export async function planRenewal(store: Keystore, id: string, site: Site): Promise<RenewalPlan> {
  const stored = await store.get(id);
  const { record } = stored;
  let old = { cn: record.plan.cn, names: record.plan.san.map((n) => n.name) };
  if (record.certificate) {
    const [leaf] = await store.certificateChain(stored);
    const facts = certificateFacts(leaf!);
    old = { cn: facts.subjectCns[0] ?? "", names: facts.sanDns ?? [] };
  }
  const plan = planCertificate(site, renewalRequest(record.plan));
  return { renews: id, plan, changes: nameChanges(old, plan) };
}

export interface RenewOptions {
  store: Keystore;
  id: string;
  site: Site;
  passphrase: string;
  /** The old request's key type unless another is chosen. */
  key: KeySpec | undefined;
  out: string | undefined;
  crlf: boolean;
  force: boolean;
}

/** A new key and request for the same certificate, with the old request's subject details, signature and template. */
export async function renewRequest(o: RenewOptions): Promise<RequestResult & RenewalPlan> {
  const renewal = await planRenewal(o.store, o.id, o.site);
  const { record } = await o.store.get(o.id);
  const key = o.key ?? record.key;
  const result = await createRequest({
    site: o.site,
    planRequest: renewalRequest(record.plan),
    key,
    hash: key.startsWith("rsa") ? record.hash : undefined,
    subject: record.subject,
    template: record.template,
    passphrase: o.passphrase,
    store: o.store,
    out: o.out,
    crlf: o.crlf,
    force: o.force,
  });
  return { ...result, renews: o.id, changes: renewal.changes };
}
