import type { KeySpec } from "../../shared/crypto/key-spec";
import { nameChanges, reissueNote, renewalRequest, type NameChanges } from "../../shared/certificates/renewal";
import { writeFileAtomic } from "./files/atomic-write";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import type { Site } from "../../shared/site/site-types";
import { certificateFacts } from "../../shared/x509/certificate-facts";
import type { Keystore, StoredRequest } from "./keystore/keystore";
import type { RequestRecord } from "./keystore/request-record";
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
  const plan = planCertificate(site, renewalRequest(stored.record.plan));
  return { renews: id, plan, changes: nameChanges(await namesOf(store, stored), plan) };
}

/** The names a request's certificate carries as issued, or as planned while it is still pending. */
async function namesOf(store: Keystore, stored: StoredRequest): Promise<{ cn: string; names: string[] }> {
  const { record } = stored;
  if (!record.certificate) return { cn: record.plan.cn, names: record.plan.san.map((n) => n.name) };
  const facts = certificateFacts((await store.certificateChain(stored))[0]!);
  return { cn: facts.subjectCns[0] ?? "", names: facts.sanDns ?? [] };
}

/** The note for the CA admin that goes with a re-issue (what the certificate it replaces lacked); null for a first request or a renewal. */
export async function reissueNoteOf(store: Keystore, record: RequestRecord): Promise<string | null> {
  const old = record.renews ? await store.get(record.renews).catch(() => undefined) : undefined;
  const issued = old?.record.certificate;
  if (!old || !issued?.errors) return null;
  return reissueNote(
    { id: old.record.id, thumbprint: issued.thumbprint, findings: issued.findings ?? [], errors: issued.errors },
    record.plan,
    nameChanges(await namesOf(store, old), record.plan),
  );
}

/** Saves a re-issue's note beside its .req (FILE.note.txt); undefined when there is no note. */
export async function saveReissueNote(note: string | null, requestFile: string, overwrite: boolean): Promise<string | undefined> {
  if (!note) return undefined;
  const file = requestFile.replace(/\.req$/i, "") + ".note.txt";
  await writeFileAtomic(file, note, { overwrite });
  return file;
}

export interface RenewOptions {
  store: Keystore;
  id: string;
  site: Site;
  passphrase: string;
  /** The old request's key type unless another is chosen. */
  key: KeySpec | undefined;
  /** Where to save the .req (a path, or one named from the plan); a re-issue's note for the CA admin goes beside it. */
  out: string | ((plan: CertificatePlan) => string) | undefined;
  crlf: boolean;
  force: boolean;
}

export interface RenewResult extends RequestResult, RenewalPlan {
  /** For a re-issue (the old certificate has errors): what it lacked, for the CA admin; null for a renewal. */
  note: string | null;
  /** Where the note was saved, beside the .req. */
  noteFile: string | undefined;
}

/**
 * A new key and request for the same certificate, with the old request's subject details, signature and
 * template. It replaces the old one once issued. Renewing a certificate with errors is a re-issue: its note
 * says what the old one lacked.
 */
export async function renewRequest(o: RenewOptions): Promise<RenewResult> {
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
    renews: o.id,
  });
  const note = await reissueNoteOf(o.store, (await o.store.get(result.id)).record);
  const noteFile = result.out ? await saveReissueNote(note, result.out, o.force) : undefined;
  return { ...result, renews: o.id, changes: renewal.changes, note, noteFile };
}
