import { createHash, createPrivateKey, createPublicKey, webcrypto } from "node:crypto";
import { toPem } from "../../shared/codec/pem";
import { InputError } from "../../shared/errors";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import { loudFindings, type KeyMatch } from "../../shared/validator/finding";
import { digestHex, validate, type ValidationReport } from "../../shared/validator/validate";
import { findLeaf } from "../../shared/x509/chain";
import { certificateFacts, type CertificateFacts } from "../../shared/x509/certificate-facts";
import { looksLikePfx, readCertificateInput, type CertificateFormat } from "../../shared/x509/certificate-input";
import { readInputFile } from "./files/input-file";
import type { Keystore, RequestIndex } from "./keystore/keystore";
import type { IssuedCertificate } from "./keystore/request-record";
import { nodeSignatureCheck } from "./crypto/signature-check";
import { trustAnchors } from "./trust-store";
import { requestFacts, type RequestFacts } from "../../shared/x509/request-facts";
import { validateRequest, type RequestReport } from "../../shared/validator/validate-request";

export const MAX_CERTIFICATE_FILE_BYTES = 8 * 1024 * 1024;
const crypto = webcrypto as unknown as Crypto;

export interface LoadedCertificates {
  file: string;
  format: CertificateFormatRead;
  certificates: CertificateFacts[];
}

export type CertificateFormatRead = CertificateFormat | "PKCS#12 (PFX)";

/**
 * Reads a certificate file of any supported format; every failure is an InputError naming the file.
 * A PFX is read too when `pfxPassword` can supply its password (its key is checked against the certificate,
 * then dropped: LyncCert keeps only keys it made).
 */
export async function loadCertificates(file: string, pfxPassword?: () => Promise<string>): Promise<LoadedCertificates> {
  return certificatesFromInput(new Uint8Array(await readInputFile(file, { field: file, kind: "a certificate file", maxBytes: MAX_CERTIFICATE_FILE_BYTES })), file, pfxPassword);
}

/** The same, for a file already read (verify looks at it first for a request). */
export async function certificatesFromInput(bytes: Uint8Array, file: string, pfxPassword?: () => Promise<string>): Promise<LoadedCertificates> {
  if (pfxPassword && looksLikePfx(bytes)) return certificatesFromPfx(bytes, file, await pfxPassword());
  return certificatesFromBytes(bytes, file);
}

async function certificatesFromPfx(bytes: Uint8Array, file: string, password: string): Promise<LoadedCertificates> {
  const { readPfx } = await import("./pkcs12/pfx-reader");
  const pfx = await readPfx(bytes, password, file);
  if (pfx.certificates.length === 0) throw new InputError(`${file}: the PFX holds no certificate`, { field: file });
  const certificates = pfx.certificates.map((der) => certificateFacts(der));
  if (pfx.privateKey) {
    const spki = createPublicKey(createPrivateKey({ key: pfx.privateKey, format: "der", type: "pkcs8" })).export({ type: "spki", format: "der" });
    if (!certificates.some((c) => Buffer.from(c.spki).equals(spki))) throw new InputError(`${file}: the PFX's private key belongs to none of its certificates`, { field: file });
  }
  return { file, format: "PKCS#12 (PFX)", certificates };
}

/** The same, for bytes that arrived another way (a file dropped on the app). */
export function certificatesFromBytes(bytes: Uint8Array, file: string): LoadedCertificates {
  if (bytes.length > MAX_CERTIFICATE_FILE_BYTES) throw new InputError(`${file}: ${bytes.length} bytes is too large for a certificate file`, { field: file });
  const input = readCertificateInput(bytes, file);
  const certificates = input.certificates.map((der, i) => {
    try {
      return certificateFacts(der);
    } catch (e) {
      const which = input.certificates.length > 1 ? ` certificate ${i + 1} of ${input.certificates.length}` : "";
      throw new InputError(`${file}:${which} cannot be decoded as X.509 (${(e as Error).message.split("\n")[0]})`, { field: file, rule: "X509-PARSE" });
    }
  });
  return { file, format: input.format, certificates };
}

export interface VerifyOptions {
  certificates: readonly CertificateFacts[];
  plan: CertificatePlan | undefined;
  at: Date;
  /** Where the key is looked for: the keystore's requests by key, read once (for one answer or many). */
  store: RequestIndex | undefined;
  /** Import: a certificate that matches no pending request is an error, not a notice. */
  keyMatchRequired: boolean;
  /** Roots (PEM) trusted besides the public ones, as if in the servers' trust store. */
  trustedRoots?: readonly string[];
  /** CA certificates kept from earlier answers (the keystore's `cas`): they complete a leaf-only answer. */
  knownCas?: readonly CertificateFacts[];
}

export function verifyCertificates(o: VerifyOptions): Promise<ValidationReport> {
  return validate({
    certificates: o.certificates,
    plan: o.plan,
    at: o.at,
    crypto,
    checkSignature: nodeSignatureCheck,
    trustAnchors: trustAnchors(o.trustedRoots),
    knownCas: o.knownCas,
    keyMatch: async (_leaf, spkiSha256): Promise<KeyMatch> => {
      if (!o.store) return { status: "not-checked", why: "no keystore to look for the key in" };
      const { match, checked } = o.store.find(spkiSha256);
      return match ? { status: "match", requestId: match.record.id } : { status: "no-match", requestsChecked: checked, required: o.keyMatchRequired };
    },
  });
}

export interface ImportResult {
  report: ValidationReport;
  requestId: string | undefined;
  plan: CertificatePlan | undefined;
  /** False when a faulty certificate was kept beside the request's current, error-free one. */
  current: boolean;
}

/** What an import matches against, read once for one answer or many: the requests by key and the CA certificates kept. */
export interface ImportContext {
  index: RequestIndex;
  known: CertificateFacts[];
}

export async function importContext(store: Keystore): Promise<ImportContext> {
  const [index, known] = await Promise.all([store.index(), store.cas.read()]);
  return { index, known };
}

/**
 * Import: find the pending request whose key the certificate carries, check it against that request's
 * plan, and keep it with the certificates of its verified path (completed from the CA certificates kept
 * before when the answer is the leaf alone). A certificate that matches no request is reported, never attached.
 */
export async function importCertificate(loaded: LoadedCertificates, store: Keystore, at: Date, context?: ImportContext): Promise<ImportResult> {
  const { index, known } = context ?? (await importContext(store));
  // The request is found first, so the certificate is checked once, against that request's plan.
  const match = index.find(await digestHex("SHA-256", findLeaf(loaded.certificates).spki, crypto));
  const report = await verifyCertificates({ certificates: loaded.certificates, plan: match.match?.record.plan, at, store: index, keyMatchRequired: true, knownCas: known });
  if (!match.match) return { report, requestId: undefined, plan: undefined, current: false };
  const path = onVerifiedPath([...loaded.certificates, ...known], report);
  const thumbprint = report.certificate.thumbprint;
  // A faulty certificate never displaces an error-free one; the same certificate imported again stays current.
  const makeCurrent = (current: IssuedCertificate | undefined) => report.errors === 0 || current === undefined || current.errors > 0 || current.thumbprint === thumbprint;
  const { stored, current } = await store.attachCertificate(
    match.match.record.id,
    path.map((c) => toPem("CERTIFICATE", c.der)).join(""),
    {
      thumbprint,
      subject: report.certificate.subject,
      notBefore: report.certificate.notBefore,
      notAfter: report.certificate.notAfter,
      importedAt: new Date().toISOString(),
      chain: report.chain,
      errors: report.errors,
      warnings: report.warnings,
      findings: loudFindings(report.findings),
      ...(report.issuerMissing ? { issuerMissing: report.issuerMissing } : {}),
    },
    makeCurrent,
  );
  index.update(stored);
  await keepCas(path.slice(1), store, at, { index, known });
  return { report, requestId: match.match.record.id, plan: match.match.record.plan, current };
}

/**
 * Keeps CA certificates in the keystore's pool and in the import's own list (the next answer of the same import
 * finds them too), and with any new one completes every current certificate whose issuer was missing: the
 * requests completed, by id. A certificate checked again adds no CA, so this does not go round.
 */
async function keepCas(cas: readonly CertificateFacts[], store: Keystore, at: Date, ctx: ImportContext): Promise<{ added: number; completed: string[] }> {
  const added = await store.cas.keep(cas);
  if (added === 0) return { added, completed: [] };
  for (const c of cas) if (!ctx.known.some((k) => Buffer.from(k.der).equals(c.der))) ctx.known.push(c);
  const completed: string[] = [];
  for (const stored of (await store.list()).requests) {
    if (!stored.record.certificate?.issuerMissing) continue;
    const certificates = (await store.certificateChain(stored)).map((der) => certificateFacts(der));
    const again = await importCertificate({ file: stored.record.id, format: "PEM bundle", certificates }, store, at, ctx);
    if (again.requestId && !again.report.issuerMissing) completed.push(again.requestId);
  }
  return { added, completed };
}

export interface CaCertificatesKept {
  /** The CA certificates of the file, by subject. */
  subjects: string[];
  /** How many of them LyncCert had not kept before. */
  added: number;
  /** Requests whose leaf-only certificate now has its chain, by id. */
  completed: string[];
}

/**
 * A file of CA certificates alone (the issuing CA's .cer, the CA's .p7b chain): kept to complete chains, and
 * every current certificate whose issuer was missing is checked again with them, so its chain is completed now.
 */
export async function importCaCertificates(cas: readonly CertificateFacts[], store: Keystore, at: Date, context?: ImportContext): Promise<CaCertificatesKept> {
  const { added, completed } = await keepCas(cas, store, at, context ?? (await importContext(store)));
  return { subjects: cas.map((c) => c.subject), added, completed };
}

/** The certificates on the leaf's path, leaf first, as the report found them. */
export function chainOf(certs: readonly CertificateFacts[], report: ValidationReport): CertificateFacts[] {
  return report.chain.map((s) => certs.find((c) => c.subject === s)).filter((c): c is CertificateFacts => c !== undefined);
}

/** The given certificates that are on the verified path, in path order, leaf first. */
function onVerifiedPath(certs: readonly CertificateFacts[], report: ValidationReport): CertificateFacts[] {
  const byThumbprint = new Map(certs.map((c) => [createHash("sha1").update(c.der).digest("hex").toUpperCase(), c]));
  return report.chainThumbprints.map((t) => byThumbprint.get(t)).filter((c): c is CertificateFacts => c !== undefined);
}

/** A PKCS#10 request checked against the plan before it goes to the CA (the same rule ids as certificates). */
export async function verifyRequest(der: Uint8Array, file: string, plan: CertificatePlan | undefined): Promise<RequestReport> {
  let request: RequestFacts;
  try {
    request = requestFacts(der);
  } catch (e) {
    throw new InputError(`${file}: not a readable certificate request (${(e as Error).message.split("\n")[0]})`, { field: file });
  }
  return validateRequest({ request, plan, checkSignature: nodeSignatureCheck });
}
