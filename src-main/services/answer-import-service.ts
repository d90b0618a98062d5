import { createHash } from "node:crypto";
import type { AnswerVerdict } from "../../shared/bridge/bridge-contract";
import { InputError } from "../../shared/errors";
import type { RoleId } from "../../shared/roles/cert-roles";
import type { ValidationReport } from "../../shared/validator/validate";
import { reportState, type CertificateState } from "../../shared/certificates/certificate-state";
import type { CertificateFacts } from "../../shared/x509/certificate-facts";
import { certificatesFromInput, importCaCertificates, importCertificate, importContext, loadCertificates, type LoadedCertificates } from "./certificate-service";
import { isCaCertificate as isCa } from "./keystore/ca-pool";
import type { Keystore } from "./keystore/keystore";

export interface AnswerRow {
  file: string;
  subject: string;
  thumbprint: string;
  verdict: AnswerVerdict;
  requestId: string | undefined;
  role: RoleId | undefined;
  server: string | null | undefined;
  /** Its usages, as planned. */
  types: readonly string[];
  /** False when a faulty certificate was kept beside the request's current, error-free one. */
  current: boolean;
  report: ValidationReport;
}

/** A file that gave no certificate to attach, and why (unreadable, CA certificates only, already imported from another file). */
export interface AnswerOther {
  file: string;
  why: string;
  /** An error the admin must act on, not just information (the CA-only file of the chain is information). */
  problem: boolean;
}

export interface AnswerImport {
  rows: AnswerRow[];
  others: AnswerOther[];
  files: number;
}

/** A file to import: read from its path, or bytes that arrived another way (dropped on the app). */
export interface AnswerSource {
  file: string;
  bytes?: Uint8Array;
}

export interface AnswerImportOptions {
  sources: readonly AnswerSource[];
  store: Keystore;
  at: Date;
  /** Asked once, when the first PFX comes; without it a PFX is reported, not read. */
  pfxPassword?: () => Promise<string>;
  onProgress?: (done: number, total: number, file: string) => void;
  /** What the folder walk passed over, and why: reported with the files that gave nothing. */
  skipped?: readonly AnswerOther[];
}

/**
 * Imports what the CA returned, any number of files at once: every leaf certificate (a .p7b or PEM bundle may
 * hold several) is matched to its request by key, checked against that request's plan, and kept with its
 * chain. CA certificates from all the files complete each other's chains, so a CA that sends the leaves and
 * its chain in separate files is read as one answer.
 */
export async function importAnswers(o: AnswerImportOptions): Promise<AnswerImport> {
  const password = o.pfxPassword && once(o.pfxPassword);
  const loaded: LoadedCertificates[] = [];
  const others: AnswerOther[] = [...(o.skipped ?? [])];
  const total = o.sources.length;
  for (const [i, { file, bytes }] of o.sources.entries()) {
    try {
      const l = bytes ? await certificatesFromInput(bytes, file, password) : await loadCertificates(file, password);
      const cas = l.certificates.filter(isCa).length;
      if (cas > MAX_CA_CERTIFICATES_IN_FILE)
        throw new InputError(`${file}: holds ${cas} CA certificates; a CA's answer holds a few, and LyncCert takes at most ${MAX_CA_CERTIFICATES_IN_FILE} from one file`, {
          field: file,
        });
      loaded.push(l);
    } catch (e) {
      // One bad file is reported and the rest imported; a password that cannot be asked for concerns every PFX, and a single file is the whole input.
      if (!(e instanceof InputError) || isOption(e.field) || total === 1) throw e;
      others.push({ file, why: e.message.startsWith(file) ? e.message.slice(file.length).replace(/^:\s*/, "") : e.message, problem: true });
    }
    o.onProgress?.(i + 1, total * 2, file);
  }
  const pool = uniqueByThumbprint(loaded.flatMap((l) => l.certificates.filter(isCa)));
  // The store is read once, and each attached certificate updates it: matching costs the same per answer whatever the store holds.
  const context = await importContext(o.store);
  const rows: AnswerRow[] = [];
  const seen = new Map<string, string>();
  const onSomePath = new Set<string>();
  for (const [i, l] of loaded.entries()) {
    for (const leaf of l.certificates.filter((c) => !isCa(c))) {
      const thumbprint = sha1(leaf.der);
      const earlier = seen.get(thumbprint);
      if (earlier) {
        others.push({ file: l.file, why: `the same certificate as ${earlier} (${leaf.subject}): imported once`, problem: false });
        continue;
      }
      seen.set(thumbprint, l.file);
      const result = await importCertificate({ file: l.file, format: l.format, certificates: [leaf, ...pool] }, o.store, o.at, context);
      result.report.chainThumbprints.forEach((t) => onSomePath.add(t));
      rows.push({
        file: l.file,
        subject: leaf.subject,
        thumbprint: result.report.certificate.thumbprint,
        verdict: answerVerdict(result.requestId, result.report, o.at),
        requestId: result.requestId,
        role: result.plan?.role,
        server: result.plan ? (result.plan.server ?? result.plan.cn) : undefined,
        types: result.plan?.types ?? [],
        current: result.current,
        report: result.report,
      });
    }
    o.onProgress?.(total + i + 1, total * 2, l.file);
  }
  // CA-only files complete this import's chains and later leaf-only answers too; a root on no answer's chain is not kept.
  const keep = uniqueByThumbprint(
    loaded.filter((l) => l.certificates.every(isCa)).flatMap((l) => l.certificates.filter((c) => !c.selfIssued || onSomePath.has(sha1(c.der).toUpperCase()))),
  );
  const kept = keep.length ? await importCaCertificates(keep, o.store, o.at, context) : undefined;
  others.push(...loaded.flatMap((l) => caCertificatesNote(l, onSomePath, kept?.completed ?? [])));
  return { rows, others, files: total };
}

/** Each CA certificate is a candidate issuer for every leaf of the import: a bound on that work. */
export const MAX_CA_CERTIFICATES_IN_FILE = 32;

const isOption = (field: string | undefined) => field !== undefined && field.startsWith("--");

/**
 * What became of a file's CA certificates. A CA-only file's issuing CAs are kept to complete chains (a kept
 * certificate is on a chain only where its key verifies the one below it). Of a file that also holds answers, only
 * the CAs on an answer's verified path are kept; a root on no answer's path is never kept and is a problem to look at.
 */
function caCertificatesNote(l: LoadedCertificates, onSomePath: ReadonlySet<string>, completed: readonly string[]): AnswerOther[] {
  const cas = l.certificates.filter(isCa);
  const unused = cas.filter((c) => !onSomePath.has(sha1(c.der).toUpperCase()));
  const roots = unused.filter((c) => c.selfIssued);
  if (cas.length === 0) return [];
  if (cas.length === l.certificates.length && roots.length === 0) {
    const done = completed.length ? `; completed the chain of ${completed.join(", ")}` : "";
    return [{ file: l.file, why: `CA certificates only (${cas.length}): kept to complete chains${done}`, problem: false }];
  }
  if (unused.length === 0) return [];
  return [
    {
      file: l.file,
      why: `${unused.length} CA certificate(s) on no answer's verified chain, not kept and never installed: ${unused.map((c) => c.subject || "(empty subject)").join("; ")}`,
      problem: roots.length > 0,
    },
  ];
}

/** One word for an answer's state, decided as every view decides it (`certificateState`). */
export function answerVerdict(requestId: string | undefined, report: ValidationReport, at: Date): AnswerVerdict {
  return requestId ? (reportState(report, at).state as Exclude<CertificateState, "pending" | "replaced">) : "no-match";
}

function uniqueByThumbprint(certs: readonly CertificateFacts[]): CertificateFacts[] {
  return [...new Map(certs.map((c) => [sha1(c.der), c])).values()];
}

function sha1(der: Uint8Array): string {
  return createHash("sha1").update(der).digest("hex");
}

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= f());
}

/** Exit status of a bulk import: 1 when any certificate has errors or matches no request, or a file could not be read. */
export function answersFailed(r: AnswerImport): boolean {
  return r.rows.some((row) => row.verdict === "needs-reissue" || row.verdict === "no-match") || r.others.some((x) => x.problem);
}
