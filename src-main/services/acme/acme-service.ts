import { promises as fs } from "node:fs";
import { join } from "node:path";
import { parsePemBlocks } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import { needsPublicCa } from "../../../shared/planner/public-ca";
import { certRole } from "../../../shared/roles/cert-roles";
import { certificatesFromBytes, importCertificate, type ImportResult } from "../certificate-service";
import type { Keystore } from "../keystore/keystore";
import { STORE_FILES } from "../keystore/request-record";
import { waitForTxt, type DnsServer } from "../dns/txt-check";
import type { TxtRecord, TxtSolver } from "../dns/txt-solvers";
import { findAccount, openAccount, saveAccount, type AcmeAccountRecord } from "./acme-accounts";
import { AcmeClient, type AcmeAuthorization, type AcmeDirectory, type AcmeOrder } from "./acme-client";
import type { AcmeTransport } from "./acme-http";
import { dns01Value, newAccountKey } from "./jws";

/** An authorization still to be validated, with its dns-01 record. */
interface Pending {
  url: string;
  name: string;
  challengeUrl: string;
  record: TxtRecord;
}

export interface AccountOptions {
  store: Keystore;
  passphrase: string;
  directory: string;
  email: string | undefined;
  agreeTerms: boolean;
  eab: { kid: string; hmacKey: Uint8Array } | undefined;
  transport: AcmeTransport;
}

/**
 * An ACME account for a directory, made once and reused by every later order. The CA's terms are agreed only
 * explicitly; a CA that requires External Account Binding is told so before anything is sent.
 */
export async function ensureAccount(o: AccountOptions): Promise<{ record: Omit<AcmeAccountRecord, "key">; created: boolean }> {
  const existing = await findAccount(o.store, o.directory);
  if (existing) {
    await openAccount(o.store, o.directory, o.passphrase);
    return { record: existing, created: false };
  }
  const key = newAccountKey();
  const client = await AcmeClient.open(o.directory, key, o.transport);
  const terms = client.directory.meta?.termsOfService ?? null;
  if (terms && !o.agreeTerms) throw new InputError(`${o.directory}: the CA's terms of service are ${terms}; read them, then agree with --agree-tos`, { field: "--agree-tos" });
  if (client.directory.meta?.externalAccountRequired && !o.eab)
    throw new InputError(`${o.directory}: this CA requires External Account Binding: give the key id and HMAC key from your CA account (--eab-kid, --eab-hmac-file)`, {
      field: "--eab-kid",
    });
  const contact = o.email ? [`mailto:${o.email}`] : [];
  const url = await client.account({ contact, agreeTerms: terms !== null && o.agreeTerms, eab: o.eab });
  const record = { directory: o.directory, url, contact, termsOfService: terms, createdAt: new Date().toISOString() };
  await saveAccount(o.store, o.passphrase, record, key.privateKey.export({ format: "der", type: "pkcs8" }));
  return { record, created: true };
}

/** What an order needs to be prepared: the request, the account, and how the TXT records are placed. */
export interface PrepareOptions {
  store: Keystore;
  id: string;
  passphrase: string;
  directory: string;
  transport: AcmeTransport;
  solver: TxtSolver;
  /** One line per step and per name, as it happens. */
  say: (line: string) => void;
  /** The ARI id of the certificate this order renews (RFC 9773), sent where the CA offers renewal information. */
  replaces?: string;
}

export interface OrderOptions extends PrepareOptions {
  /** Where the TXT values are checked before the CA is asked (--dns-check); the zones' authoritative servers otherwise. */
  dnsCheck: readonly DnsServer[] | undefined;
  at: () => Date;
  /** Bounds of the waits on the CA (validation, issuance). */
  pollMs?: number;
  caWaitMs?: number;
}

export interface OrderResult extends ImportResult {
  orderUrl: string;
  profile: string | null;
}

/** An order made and its dns-01 records placed (or shown), waiting for `completeOrder`. */
export interface PreparedOrder {
  client: AcmeClient;
  order: AcmeOrder;
  profile: string | null;
  pending: Pending[];
  /** The records as placed (a delegated name is its CNAME's target): checked, and removed at the end. */
  placed: TxtRecord[];
  solver: TxtSolver;
  csrFile: string;
}

/**
 * Orders the certificate of a request in the keystore from a public CA over ACME: identifiers are the request's
 * SANs, dns-01 answers every authorization, and finalize takes the request's own DER, so the key never leaves the
 * keystore. The chain the CA returns is imported as `lynccert import` does. A request whose plan needs a private
 * CA is refused before anything is sent. A failed order leaves the request as it was; the TXT records are removed.
 */
export async function orderCertificate(o: OrderOptions): Promise<OrderResult> {
  return completeOrder(await prepareOrder(o), o);
}

/** The first half (the app shows the records between the two): the order made, each name's TXT record placed by the solver. */
export async function prepareOrder(o: PrepareOptions): Promise<PreparedOrder> {
  const { record, dir } = await o.store.get(o.id);
  if (!needsPublicCa(record.plan))
    throw new InputError(`request ${o.id} is for the ${certRole(record.plan.role).title}, which takes its certificate from your internal CA, not a public one over ACME`, {
      field: "id",
    });
  const account = await openAccount(o.store, o.directory, o.passphrase);
  const client = await AcmeClient.open(o.directory, account.key, o.transport);
  client.kid = account.record.url;
  const names = record.plan.san.map((n) => n.name);
  const profile = orderProfile(client.directory);
  o.say(`Ordering ${names.join(", ")} from ${o.directory}${profile ? ` (profile ${profile})` : ""}`);
  const replaces = o.replaces && client.directory.renewalInfo ? o.replaces : undefined;
  const order = await client.newOrder(names, { profile: profile ?? undefined, replaces });
  const pending: Pending[] = [];
  for (const url of order.authorizations) {
    const authz = await client.get<AcmeAuthorization>(url);
    if (authz.status === "valid") continue;
    const challenge = authz.challenges.find((c) => c.type === "dns-01");
    if (!challenge)
      throw new InputError(`${authz.identifier.value}: the CA offers no dns-01 challenge (${authz.challenges.map((c) => c.type).join(", ")})`, { field: "--directory" });
    pending.push({
      url,
      name: authz.identifier.value,
      challengeUrl: challenge.url,
      record: { name: `_acme-challenge.${authz.identifier.value}`, value: dns01Value(challenge.token, account.key) },
    });
  }
  const placed = pending.length ? await o.solver.add(pending.map((p) => p.record)) : [];
  for (const r of placed) o.say(`  ${r.name} TXT "${r.value}" placed`);
  return { client, order, profile, pending, placed, solver: o.solver, csrFile: join(dir, STORE_FILES.csr) };
}

/** The second half: each value checked in DNS, the CA asked to validate, the request's DER finalized, the chain imported; the records removed whatever happens. */
export async function completeOrder(p: PreparedOrder, o: Omit<OrderOptions, "id" | "solver" | "passphrase" | "directory" | "transport">): Promise<OrderResult> {
  try {
    if (p.pending.length) {
      await waitForTxt(p.placed, {
        servers: o.dnsCheck,
        timeoutMs: p.solver.waitMs,
        intervalMs: 2000,
        onWait: (missing) => o.say(`  waiting for ${missing.map((m) => `${m.name} at ${m.server}`).join(", ")}`),
      });
      for (const x of p.pending) await p.client.respond(x.challengeUrl);
      for (const x of p.pending) await untilValid(p.client, x, o);
    }
    const issued = await finalize(p.client, p.order, await requestDer(p.csrFile), o);
    o.say(`Issued: ${issued.certificate}`);
    const pem = await p.client.certificate(issued.certificate!);
    const imported = await importCertificate(certificatesFromBytes(new Uint8Array(Buffer.from(pem)), issued.certificate!), o.store, o.at());
    return { ...imported, orderUrl: p.order.url, profile: p.profile };
  } finally {
    if (p.placed.length) await p.solver.remove(p.placed).catch((e: Error) => o.say(`  the TXT records could not be removed: ${e.message}`));
  }
}

/**
 * The profile to order where the directory offers profiles (Let's Encrypt): `classic`, which keeps the subject CN
 * and Key Encipherment. `tlsserver` drops the CN the Lync subject rules need (EDGE-EXT-SN, RP-SN). None otherwise.
 */
export function orderProfile(directory: AcmeDirectory): string | null {
  return directory.meta?.profiles && Object.hasOwn(directory.meta.profiles, "classic") ? "classic" : null;
}

async function requestDer(file: string): Promise<Uint8Array> {
  const [block] = parsePemBlocks(await fs.readFile(file, "utf8"), file);
  return block!.der;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls an authorization until the CA has decided; an invalid one names the name and what the CA saw. */
async function untilValid(client: AcmeClient, p: Pending, o: Pick<OrderOptions, "caWaitMs" | "pollMs" | "say">): Promise<void> {
  const waitMs = o.caWaitMs ?? 60_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const authz = await client.get<AcmeAuthorization>(p.url);
    if (authz.status === "valid") {
      o.say(`  ${p.name}: validated`);
      return;
    }
    if (authz.status !== "pending") {
      const error = authz.challenges.find((c) => c.url === p.challengeUrl)?.error;
      throw new InputError(
        `${p.name}: the CA could not validate it (${error?.type.replace("urn:ietf:params:acme:error:", "") ?? authz.status}): ${error?.detail ?? "no detail given"}`,
        {
          field: "--directory",
        },
      );
    }
    if (Date.now() >= deadline) throw new InputError(`${p.name}: the CA has not validated it within ${waitMs / 1000} s`, { field: "--directory" });
    await sleep(o.pollMs ?? 1000);
  }
}

/** Finalize with the request's DER, then poll the order until the certificate is there. */
async function finalize(client: AcmeClient, order: AcmeOrder, csrDer: Uint8Array, o: Pick<OrderOptions, "caWaitMs" | "pollMs">): Promise<AcmeOrder> {
  const deadline = Date.now() + (o.caWaitMs ?? 60_000);
  let current = await client.order(order.url);
  while (current.status === "pending" || current.status === "processing") {
    if (Date.now() >= deadline) throw new InputError(`${order.url}: the order is still ${current.status} after ${(o.caWaitMs ?? 60_000) / 1000} s`, { field: "--directory" });
    await sleep(o.pollMs ?? 1000);
    current = await client.order(order.url);
  }
  if (current.status === "ready") current = await client.finalize(current, csrDer);
  while (current.status === "processing") {
    if (Date.now() >= deadline) throw new InputError(`${order.url}: the certificate is not issued after ${(o.caWaitMs ?? 60_000) / 1000} s`, { field: "--directory" });
    await sleep(o.pollMs ?? 1000);
    current = await client.order(order.url);
  }
  if (current.status !== "valid" || !current.certificate)
    throw new InputError(`${order.url}: the order is ${current.status}${current.error ? `: ${current.error.detail}` : ""}`, { field: "--directory" });
  return current;
}
