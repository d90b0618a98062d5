import type { HashName, KeySpec } from "../crypto/key-spec";
import type { SubjectDetails } from "../csr/subject";
import type { PfxProfile } from "../export/pfx-profile";
import type { ServerKit } from "../kit/kit-plan";
import type { NameChanges } from "../certificates/renewal";
import type { CertificateState } from "../certificates/certificate-state";
import type { CertificatePlan, PlanRequest } from "../planner/plan-types";
import type { ValidationReport } from "../validator/validate";
import type { RequestReport } from "../validator/validate-request";

/**
 * The one contract between the renderer and the main process. Every channel has the fixed prefix;
 * every answer is an envelope. Private keys never appear in any request or response type here.
 */
export const BRIDGE_PREFIX = "lynccert:";

export const CHANNELS = {
  openSite: "lynccert:site.open",
  loadCurrentSite: "lynccert:site.loadCurrent",
  saveCurrentSite: "lynccert:site.saveCurrent",
  saveSite: "lynccert:site.save",
  generateRequest: "lynccert:request.generate",
  saveRequestFile: "lynccert:request.save",
  makeRequestFolder: "lynccert:request.folder",
  listRequests: "lynccert:requests.list",
  verifyCertificate: "lynccert:certificate.verify",
  importCertificate: "lynccert:certificate.import",
  checkRequest: "lynccert:request.check",
  exportPfx: "lynccert:export.pfx",
  exportPem: "lynccert:export.pem",
  saveInf: "lynccert:export.inf",
  importTopology: "lynccert:topology.import",
  saveCsv: "lynccert:export.csv",
  probeEndpoint: "lynccert:probe.endpoint",
  importAnswers: "lynccert:answers.import",
  planKits: "lynccert:kits.plan",
  buildKits: "lynccert:kits.build",
  planRenewal: "lynccert:renewal.plan",
  renewRequest: "lynccert:renewal.request",
  showInFolder: "lynccert:shell.showInFolder",
  showWritten: "lynccert:shell.showWritten",
  passphraseMemory: "lynccert:passphrase.memory",
  forgetPassphrase: "lynccert:passphrase.forget",
  openDocumentation: "lynccert:shell.openDocumentation",
  acmeDirectoryInfo: "lynccert:acme.directory",
  acmeAccount: "lynccert:acme.account",
  acmePrepareOrder: "lynccert:acme.prepare",
  acmeCompleteOrder: "lynccert:acme.complete",
  acmeCancelOrder: "lynccert:acme.cancel",
  acmeRenewRound: "lynccert:acme.renew",
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export interface BridgeError {
  message: string;
  field?: string;
  rule?: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** How main keeps the keystore passphrase after an action it opened keys for: not, for the session, or with the OS's secret store too. */
export type RememberPassphrase = "no" | "session" | "keychain";

/** What main remembers now, and whether the OS secret store (Electron safeStorage) can be used. */
export interface PassphraseMemoryState {
  remembered: RememberPassphrase;
  keychainAvailable: boolean;
}

/** Every input that opens the keystore: the passphrase typed ("" for the one main remembers) and how to keep it. */
export interface KeystoreAccess {
  passphrase: string;
  remember?: RememberPassphrase;
}

export interface GenerateRequestInput extends KeystoreAccess {
  site: unknown;
  planRequest: PlanRequest;
  key: KeySpec;
  hash: HashName | undefined;
  subject: SubjectDetails;
  template: string | null;
  crlf: boolean;
  /** A folder from makeRequestFolder: the .req is saved there too, named by role, server and usages. */
  saveIn?: string;
}

export interface RequestRow {
  id: string;
  status: "pending" | "issued";
  role: string;
  server: string | null;
  cn: string;
  types: string[];
  key: KeySpec;
  createdAt: string;
  notBefore: string | null;
  notAfter: string | null;
  thumbprint: string | null;
  /** Validator errors of the current certificate at import; null while pending. */
  errors: number | null;
  /** Its warnings; null while pending or for records made before warnings were kept. */
  warnings: number | null;
  /** Its errors and warnings with their rule ids. */
  findings: string[];
  /** The issuing CA whose certificate is missing (the chain is incomplete); null when the chain is whole. */
  issuerMissing: string | null;
  /** The request this one renews or re-issues. */
  renews: string | null;
  /** The issued renewal or re-issue that replaces this one. */
  replacedBy: string | null;
  /** Its plan says a public CA (Edge external, reverse proxy): it can be ordered over ACME. */
  publicCa: boolean;
}

export interface CertificateFileInput {
  fileName: string;
  /** The file's bytes, Base64 (a certificate, never a key). */
  base64: string;
}

export interface VerifyInput extends CertificateFileInput {
  site: unknown | null;
  planRequest: PlanRequest | null;
}

export interface ExportPfxInput extends KeystoreAccess {
  id: string;
  /** The admin read the errors of a certificate that needs re-issue and exports it anyway. */
  exportAnyway: boolean;
  profile: PfxProfile;
  includeRoot: boolean;
  password: string;
  withScript: boolean;
}

export interface ExportPemInput {
  id: string;
  includeRoot: boolean;
}

/** One file imported: an answer attached to its request, or CA certificates alone, kept to complete chains. */
export type ImportedCertificate =
  | ({ kind: "answer"; requestId: string | null; plan: CertificatePlan | null; current: boolean } & ValidationReport)
  | {
      kind: "ca-certificates";
      subjects: string[];
      /** How many LyncCert had not kept before. */
      added: number;
      /** Requests whose certificate's chain these completed. */
      completed: string[];
    };

/** The same content as a request, for certreq to generate on the server. */
export type RequestContent = Omit<GenerateRequestInput, "crlf" | "passphrase" | "remember">;
/** A certreq INF from a stored request's plan (Export), or from what the wizard holds (Generate). */
export type InfInput = { id: string } | RequestContent;

export interface ProbeInput {
  /** HOST or HOST:PORT. */
  target: string;
  sni: string | null;
  site: unknown | null;
  planRequest: PlanRequest | null;
}

export interface ImportedTopology {
  path: string;
  format: string;
  site: Record<string, unknown>;
  assumptions: string[];
}

/** The CA's answers: chosen in main's open dialog (files or a folder), or dropped on the window (bytes). */
export type AnswersInput = { pick: "files" | "folder" } | { dropped: CertificateFileInput[] };

/** The certificate's state as every view words it (`certificateState`), or no-match: no request has its key. */
export type AnswerVerdict = Exclude<CertificateState, "pending" | "replaced"> | "no-match";

export interface AnswerRowView {
  file: string;
  subject: string;
  verdict: AnswerVerdict;
  requestId: string | null;
  role: string | null;
  server: string | null;
  /** Its usages, as planned (empty when it matches no request). */
  types: string[];
  /** False when a faulty certificate was kept beside the request's current, error-free one. */
  current: boolean;
  errors: number;
  warnings: number;
  /** The errors and warnings, each with its rule id. */
  findings: string[];
}

export interface AnswersResult {
  rows: AnswerRowView[];
  /** Files that gave nothing to attach, and why. */
  others: { file: string; why: string; problem: boolean }[];
  files: number;
}

export interface KitPlanResult {
  kits: ServerKit[];
  /** Keystore entries that could not be read. */
  damaged: string[];
}

export interface BuildKitsInput extends KeystoreAccess {
  site: unknown;
  profile: PfxProfile;
  /** Take an ECDSA certificate where no RSA one is usable (LC-ECDSA-CNG: Skype for Business Server 2015 and later only). */
  allowEcdsa?: boolean;
  /** Protects every PFX of the kits. */
  password: string;
}

export interface BuildKitsResult extends KitPlanResult {
  outDir: string;
  files: number;
  summaryFile: string;
}

/** A renewal, or a re-issue of a certificate with errors (its note says what the old one lacked, for the CA admin). */
export interface RenewRequestInput extends KeystoreAccess {
  id: string;
  site: unknown;
  /** A folder from makeRequestFolder: the .req (and a re-issue's note) are saved there. */
  saveIn?: string;
}

/** Where a request made in the app was saved, when it was given a folder. */
export interface SavedRequest {
  file?: string;
  noteFile?: string;
}

export interface RenewalPlanView {
  renews: string;
  plan: CertificatePlan;
  changes: NameChanges;
}

/** An action that opened the keystore is done even when its passphrase could not be remembered as asked: this says why. */
export interface Remembered {
  rememberNote?: string;
}

/** What a CA's ACME directory asks of a new account, and whether LyncCert keeps one for it already. */
export interface AcmeDirectoryView {
  termsOfService: string | null;
  externalAccountRequired: boolean;
  /** The account URL kept for this directory; null when there is none yet. */
  account: string | null;
}

export interface AcmeAccountInput extends KeystoreAccess {
  directory: string;
  email: string | null;
  /** The admin ticked that they agree to the terms shown (termsOfService). */
  agreeTerms: boolean;
  /** External Account Binding from the CA's customer account: key id and the HMAC key (base64url). */
  eab: { kid: string; hmacKey: string } | null;
}

/** How the dns-01 records get into DNS from the app: the admin creates them, or RFC 2136 (the TSIG key file chosen in main's dialog). */
export type AcmeDnsWay = { way: "manual" } | { way: "rfc2136"; server: string };

export interface AcmePrepareInput extends KeystoreAccess {
  id: string;
  directory: string;
  dns: AcmeDnsWay;
}

export interface AcmePrepared {
  /** Names the order kept in main until it is completed or cancelled. */
  token: string;
  records: { name: string; value: string }[];
  /** The records were placed by LyncCert (RFC 2136); false: the admin creates them. */
  placed: boolean;
}

/** The renewal round from Whole topology: by RFC 2136 (one round, many names; the records by hand go one request at a time). */
export interface AcmeRoundInput extends KeystoreAccess {
  site: unknown;
  directory: string;
  /** The DNS server that takes the updates; the TSIG key file is chosen in main's dialog. */
  updateServer: string;
  dnsCheck: string | null;
}

export interface AcmeRoundResult {
  renewed: { role: string; server: string | null; why: string; requestId: string | null; renews: string | null; label: string | null; error: string | null }[];
  notDue: { role: string; server: string | null; requestId: string; from: string; source: string }[];
}

/** Paths the user chose in a save dialog; null when they cancelled. */
export interface Saved {
  paths: string[] | null;
}

/** What the preload exposes as window.lynccert: verbs, never ipcRenderer. */
export interface LyncCertBridge {
  openSite(): Promise<{ path: string; text: string } | null>;
  /** The site the admin worked on last, kept in the app's data folder; null on a first start. */
  loadCurrentSite(): Promise<{ path: string; text: string } | null>;
  /** Keeps the site as the admin edits it (written atomically), so a restart loses nothing. */
  saveCurrentSite(text: string): Promise<void>;
  saveSite(text: string): Promise<Saved>;
  generateRequest(input: GenerateRequestInput): Promise<{ id: string; plan: CertificatePlan; csrPem: string } & SavedRequest & Remembered>;
  saveRequestFile(id: string): Promise<Saved>;
  /** A new folder for a round of requests, made inside the one the admin chooses; null when cancelled. */
  makeRequestFolder(): Promise<{ folder: string } | null>;
  listRequests(): Promise<RequestRow[]>;
  verifyCertificate(input: VerifyInput): Promise<ValidationReport & { format: string }>;
  importCertificate(input: CertificateFileInput): Promise<ImportedCertificate>;
  /** A request made elsewhere (Request-CsCertificate, certreq, openssl) checked against the plan before submission. */
  checkRequest(input: VerifyInput): Promise<RequestReport>;
  exportPfx(input: ExportPfxInput): Promise<Saved & Remembered>;
  exportPem(input: ExportPemInput): Promise<Saved>;
  saveInf(input: InfInput): Promise<Saved>;
  importTopology(): Promise<ImportedTopology | null>;
  saveCsv(text: string): Promise<Saved>;
  probeEndpoint(
    input: ProbeInput,
  ): Promise<ValidationReport & { endpoint: { host: string; port: number; sni?: string; protocol: string | null; cipher: string; trustedPublicly: boolean; trustError?: string } }>;
  /** Bulk import of what the CA returned; null when the dialog was cancelled. */
  importAnswers(input: AnswersInput): Promise<AnswersResult | null>;
  /** What each server's kit would hold, from the keystore and the site; no key is read. */
  planKits(input: { site: unknown; allowEcdsa?: boolean }): Promise<KitPlanResult>;
  /** Builds the kits in a new folder inside the one the admin chooses; null when cancelled. */
  buildKits(input: BuildKitsInput): Promise<(BuildKitsResult & Remembered) | null>;
  /** What renewing a request would change, planned from the site the wizard holds. */
  planRenewal(input: { id: string; site: unknown }): Promise<RenewalPlanView>;
  /** A new key and request for the same certificate; the old one stays until the new one is assigned. */
  renewRequest(input: RenewRequestInput): Promise<RenewalPlanView & { id: string; csrPem: string; note: string | null } & SavedRequest & Remembered>;
  showInFolder(id: string): Promise<void>;
  /** Shows in the file manager a file or folder main wrote in this session (no other path is accepted). */
  showWritten(path: string): Promise<void>;
  passphraseMemory(): Promise<PassphraseMemoryState>;
  forgetPassphrase(): Promise<void>;
  openDocumentation(url: string): Promise<void>;
  /** What a CA's directory asks of a new account (its terms, External Account Binding). */
  acmeDirectoryInfo(input: { directory: string }): Promise<AcmeDirectoryView>;
  /** The ACME account for a directory: made once (terms agreed explicitly), then reused. */
  acmeAccount(input: AcmeAccountInput): Promise<{ url: string; created: boolean } & Remembered>;
  /** Orders a public-CA request's certificate and places or returns its dns-01 records; null when the key file dialog was cancelled. */
  acmePrepareOrder(input: AcmePrepareInput): Promise<(AcmePrepared & Remembered) | null>;
  /** Checks the records in DNS, has the CA validate them, and imports the certificate it issues. */
  acmeCompleteOrder(input: { token: string; dnsCheck: string | null }): Promise<ImportedCertificate>;
  /** Drops a prepared order; records LyncCert placed are removed. */
  acmeCancelOrder(input: { token: string }): Promise<void>;
  /** Renews every public certificate of the site that is due, over ACME; null when the key file dialog was cancelled. */
  acmeRenewRound(input: AcmeRoundInput): Promise<(AcmeRoundResult & Remembered) | null>;
}

/** Which verb calls which channel: the preload and its surface test both read this. */
export const VERB_CHANNELS: Record<keyof LyncCertBridge, Channel> = {
  openSite: CHANNELS.openSite,
  loadCurrentSite: CHANNELS.loadCurrentSite,
  saveCurrentSite: CHANNELS.saveCurrentSite,
  saveSite: CHANNELS.saveSite,
  generateRequest: CHANNELS.generateRequest,
  saveRequestFile: CHANNELS.saveRequestFile,
  makeRequestFolder: CHANNELS.makeRequestFolder,
  listRequests: CHANNELS.listRequests,
  verifyCertificate: CHANNELS.verifyCertificate,
  importCertificate: CHANNELS.importCertificate,
  checkRequest: CHANNELS.checkRequest,
  exportPfx: CHANNELS.exportPfx,
  exportPem: CHANNELS.exportPem,
  saveInf: CHANNELS.saveInf,
  importTopology: CHANNELS.importTopology,
  saveCsv: CHANNELS.saveCsv,
  probeEndpoint: CHANNELS.probeEndpoint,
  importAnswers: CHANNELS.importAnswers,
  planKits: CHANNELS.planKits,
  buildKits: CHANNELS.buildKits,
  planRenewal: CHANNELS.planRenewal,
  renewRequest: CHANNELS.renewRequest,
  showInFolder: CHANNELS.showInFolder,
  showWritten: CHANNELS.showWritten,
  passphraseMemory: CHANNELS.passphraseMemory,
  forgetPassphrase: CHANNELS.forgetPassphrase,
  openDocumentation: CHANNELS.openDocumentation,
  acmeDirectoryInfo: CHANNELS.acmeDirectoryInfo,
  acmeAccount: CHANNELS.acmeAccount,
  acmePrepareOrder: CHANNELS.acmePrepareOrder,
  acmeCompleteOrder: CHANNELS.acmeCompleteOrder,
  acmeCancelOrder: CHANNELS.acmeCancelOrder,
  acmeRenewRound: CHANNELS.acmeRenewRound,
};
