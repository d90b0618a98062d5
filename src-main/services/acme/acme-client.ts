import { InputError } from "../../../shared/errors";
import { https, type AcmeTransport, type HttpAnswer } from "./acme-http";
import { externalAccountBinding, signJws, type AccountKey } from "./jws";

/** The directory (RFC 8555 §7.1.1), with what LyncCert reads of its meta: terms, EAB, profiles (draft-ietf-acme-profiles), ARI (RFC 9773). */
export interface AcmeDirectory {
  newNonce: string;
  newAccount: string;
  newOrder: string;
  renewalInfo?: string;
  meta?: { termsOfService?: string; externalAccountRequired?: boolean; profiles?: Record<string, string> };
}

/** A problem document (RFC 8555 §6.7, RFC 7807) the server answered with, in words that say what happened and when to retry. */
export class AcmeProblem extends InputError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    /** For rate limits: when to try again (from Retry-After). */
    readonly retryAfter: Date | undefined,
    readonly subproblems: { type: string; detail: string; identifier?: { value: string } }[] = [],
  ) {
    const short = type.replace("urn:ietf:params:acme:error:", "");
    const retry = retryAfter ? `; try again after ${retryAfter.toISOString()}` : "";
    const sub = subproblems.map((s) => `${s.identifier?.value ?? "?"}: ${s.detail}`).join("; ");
    super(`${url}: the ACME server refused (${short}): ${detail}${sub ? ` (${sub})` : ""}${retry}`, { field: "--directory" });
    this.name = "AcmeProblem";
  }
}

export interface AcmeOrder {
  url: string;
  status: "pending" | "ready" | "processing" | "valid" | "invalid";
  identifiers: { type: string; value: string }[];
  authorizations: string[];
  finalize: string;
  certificate?: string;
  error?: { type: string; detail: string };
}

export interface AcmeChallenge {
  type: string;
  url: string;
  token: string;
  status: "pending" | "processing" | "valid" | "invalid";
  error?: { type: string; detail: string };
  validationRecord?: unknown[];
}

export interface AcmeAuthorization {
  identifier: { type: string; value: string };
  status: "pending" | "valid" | "invalid" | "deactivated" | "expired" | "revoked";
  wildcard?: boolean;
  challenges: AcmeChallenge[];
}

/**
 * A small RFC 8555 client: every request signed with the account key, nonces taken from each answer (one retry
 * on badNonce, §6.5), problems raised as AcmeProblem with the server's own detail and Retry-After.
 */
export class AcmeClient {
  private nonce: string | undefined;
  /** The account URL once known: requests are then signed with it as `kid`. */
  kid: string | undefined;

  private constructor(
    readonly directoryUrl: string,
    readonly directory: AcmeDirectory,
    readonly key: AccountKey,
    private readonly transport: AcmeTransport,
  ) {}

  static async open(directoryUrl: string, key: AccountKey, transport: AcmeTransport): Promise<AcmeClient> {
    return new AcmeClient(directoryUrl, await readDirectory(directoryUrl, transport), key, transport);
  }

  /** newAccount (§7.3): creates the account, or finds the one this key already has. Returns its URL. */
  async account(o: { contact: string[]; agreeTerms: boolean; eab?: { kid: string; hmacKey: Uint8Array } }): Promise<string> {
    const payload = {
      termsOfServiceAgreed: o.agreeTerms,
      contact: o.contact,
      ...(o.eab ? { externalAccountBinding: externalAccountBinding(this.key, { ...o.eab, url: this.directory.newAccount }) } : {}),
    };
    const answer = await this.post(this.directory.newAccount, payload, { withJwk: true });
    const location = answer.headers.location;
    if (!location) throw new InputError(`${this.directory.newAccount}: the server gave no account URL (Location)`, { field: "--directory" });
    this.kid = location;
    return location;
  }

  /** `replaces` names the certificate this order renews (RFC 9773 §5), where the CA offers renewal information. */
  async newOrder(identifiers: string[], o: { profile?: string; replaces?: string } = {}): Promise<AcmeOrder> {
    const payload = {
      identifiers: identifiers.map((value) => ({ type: "dns", value })),
      ...(o.profile ? { profile: o.profile } : {}),
      ...(o.replaces ? { replaces: o.replaces } : {}),
    };
    const answer = await this.post(this.directory.newOrder, payload);
    return { ...json<Omit<AcmeOrder, "url">>(answer, this.directory.newOrder), url: answer.headers.location ?? "" };
  }

  async get<T>(url: string): Promise<T> {
    return json<T>(await this.post(url, undefined), url);
  }

  async order(url: string): Promise<AcmeOrder> {
    return { ...(await this.get<Omit<AcmeOrder, "url">>(url)), url };
  }

  /** Tells the server the challenge is ready to be validated (§7.5.1: an empty object). */
  async respond(challengeUrl: string): Promise<AcmeChallenge> {
    return json<AcmeChallenge>(await this.post(challengeUrl, {}), challengeUrl);
  }

  async finalize(order: AcmeOrder, csrDer: Uint8Array): Promise<AcmeOrder> {
    const answer = await this.post(order.finalize, { csr: Buffer.from(csrDer).toString("base64url") });
    return { ...json<Omit<AcmeOrder, "url">>(answer, order.finalize), url: order.url };
  }

  /** The issued certificate with its chain, as PEM (§7.4.2). */
  async certificate(url: string): Promise<string> {
    const answer = await this.post(url, undefined, { accept: "application/pem-certificate-chain" });
    return answer.body.toString("utf8");
  }

  private async freshNonce(): Promise<string> {
    if (this.nonce) {
      const n = this.nonce;
      this.nonce = undefined;
      return n;
    }
    const answer = await https(this.directory.newNonce, { method: "HEAD", transport: this.transport });
    const nonce = answer.headers["replay-nonce"];
    if (typeof nonce !== "string") throw new InputError(`${this.directory.newNonce}: no Replay-Nonce in the answer`, { field: "--directory" });
    return nonce;
  }

  private async post(url: string, payload: unknown, o: { withJwk?: boolean; accept?: string } = {}, retried = false): Promise<HttpAnswer> {
    if (!o.withJwk && !this.kid) throw new Error("the ACME account is not known yet: call account() first");
    const jws = signJws(this.key, { url, nonce: await this.freshNonce(), kid: o.withJwk ? undefined : this.kid, payload });
    const answer = await https(url, { method: "POST", body: JSON.stringify(jws), transport: this.transport, accept: o.accept });
    const nonce = answer.headers["replay-nonce"];
    if (typeof nonce === "string") this.nonce = nonce;
    if (answer.status < 400) return answer;
    const problem = problemOf(answer, url);
    // A stale nonce is the one error to retry at once, once (RFC 8555 §6.5): the answer carried a fresh one.
    if (problem.type === "urn:ietf:params:acme:error:badNonce" && !retried) return this.post(url, payload, o, true);
    throw problem;
  }
}

/** The directory (an unsigned GET): what the CA asks of accounts, and where to send each request. */
export async function readDirectory(directoryUrl: string, transport: AcmeTransport): Promise<AcmeDirectory> {
  const answer = await https(directoryUrl, { method: "GET", transport });
  const directory = json<AcmeDirectory>(answer, directoryUrl);
  if (answer.status !== 200 || typeof directory.newNonce !== "string" || typeof directory.newAccount !== "string" || typeof directory.newOrder !== "string")
    throw new InputError(`${directoryUrl}: not an ACME directory (HTTP ${answer.status}, no newNonce/newAccount/newOrder)`, { field: "--directory" });
  return directory;
}

function json<T>(answer: HttpAnswer, url: string): T {
  try {
    return JSON.parse(answer.body.toString("utf8")) as T;
  } catch {
    throw new InputError(`${url}: the answer (HTTP ${answer.status}) is not JSON`, { field: "--directory" });
  }
}

function problemOf(answer: HttpAnswer, url: string): AcmeProblem {
  let doc: { type?: string; detail?: string; subproblems?: AcmeProblem["subproblems"] } = {};
  try {
    doc = JSON.parse(answer.body.toString("utf8"));
  } catch {
    // Not a problem document: the status says what there is to say.
  }
  return new AcmeProblem(
    url,
    answer.status,
    doc.type ?? `HTTP ${answer.status}`,
    doc.detail ?? "no detail given",
    retryAfter(answer.headers["retry-after"]),
    doc.subproblems ?? [],
  );
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const at = Number.isFinite(seconds) ? new Date(Date.now() + seconds * 1000) : new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
