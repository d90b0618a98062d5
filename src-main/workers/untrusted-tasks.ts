import type { CertificatePlan } from "../../shared/planner/plan-types";
import { importTopology } from "../../shared/topology/topology-import";
import { xmlText } from "../../shared/topology/xml-document";
import { InputError } from "../../shared/errors";
import { loudFindings } from "../../shared/validator/finding";
import { requestIn } from "../../shared/x509/request-facts";
import { certificatesFromBytes, importCaCertificates, importCertificate, importContext, verifyCertificates, verifyRequest } from "../services/certificate-service";
import { isCaCertificate } from "../services/keystore/ca-pool";
import { Keystore } from "../services/keystore/keystore";
import { probeEndpoint } from "../services/probe/probe-service";
import { importAnswers, type AnswerOther, type AnswerSource } from "../services/answer-import-service";
import type { AnswersResult, ImportedCertificate } from "../../shared/bridge/bridge-contract";

/**
 * The work on what a user or the network supplies (certificate files, topology documents, a server's chain
 * and its CRLs), as functions of plain data: the app runs them in a worker thread, so no crafted file or
 * slow CRL server can freeze the window or take the main process down.
 */
export const UNTRUSTED_TASKS = {
  async verifyCertificate(a: { bytes: Uint8Array; fileName: string; plan: CertificatePlan | undefined; storeDir: string; at: Date }) {
    const loaded = certificatesFromBytes(a.bytes, a.fileName);
    const { index, known } = await importContext(new Keystore(a.storeDir));
    const report = await verifyCertificates({ certificates: loaded.certificates, plan: a.plan, at: a.at, store: index, keyMatchRequired: false, knownCas: known });
    return { ...report, format: loaded.format };
  },
  /** One file from Import and verify: an answer is attached to its request; CA certificates alone are kept to complete chains. */
  async importCertificate(a: { bytes: Uint8Array; fileName: string; storeDir: string; at: Date }): Promise<ImportedCertificate> {
    const loaded = certificatesFromBytes(a.bytes, a.fileName);
    const store = new Keystore(a.storeDir);
    if (loaded.certificates.every(isCaCertificate)) return { kind: "ca-certificates", ...(await importCaCertificates(loaded.certificates, store, a.at)) };
    const { report, requestId, plan, current } = await importCertificate(loaded, store, a.at);
    return { kind: "answer", ...report, requestId: requestId ?? null, plan: plan ?? null, current };
  },
  /** The app's bulk import: each row carries its errors and warnings with their rule ids, not the whole report. */
  async importAnswers(a: { sources: AnswerSource[]; skipped?: AnswerOther[]; storeDir: string; at: Date }): Promise<AnswersResult> {
    const result = await importAnswers({ sources: a.sources, skipped: a.skipped, store: new Keystore(a.storeDir), at: a.at });
    return {
      files: result.files,
      others: result.others,
      rows: result.rows.map((r) => ({
        file: r.file,
        subject: r.subject,
        verdict: r.verdict,
        requestId: r.requestId ?? null,
        role: r.role ?? null,
        server: r.server ?? null,
        types: [...r.types],
        current: r.current,
        errors: r.report.errors,
        warnings: r.report.warnings,
        findings: loudFindings(r.report.findings),
      })),
    };
  },
  async checkRequest(a: { bytes: Uint8Array; fileName: string; plan: CertificatePlan | undefined }) {
    const der = requestIn(a.bytes);
    if (!der) throw new InputError(`${a.fileName}: holds no certificate request (PKCS#10)`, { field: a.fileName });
    return verifyRequest(der, a.fileName, a.plan);
  },
  async importTopology(a: { bytes: Uint8Array; path: string; fileName: string }) {
    const result = importTopology(xmlText(a.bytes, a.path), a.fileName);
    return { format: result.format, site: result.site, assumptions: result.assumptions };
  },
  probeEndpoint(a: { host: string; port: number; sni: string | undefined; plan: CertificatePlan | undefined; at: Date }) {
    return probeEndpoint(a.host, a.port, a.sni, a.plan, a.at);
  },
};

export type UntrustedTasks = typeof UNTRUSTED_TASKS;
export type TaskName = keyof UntrustedTasks;
export type TaskArgs<K extends TaskName> = Parameters<UntrustedTasks[K]>[0];
export type TaskResult<K extends TaskName> = Awaited<ReturnType<UntrustedTasks[K]>>;

/** Runs a task somewhere (a worker thread in the app, in-process in the CLI), with the same contract. */
export interface TaskRunner {
  run<K extends TaskName>(task: K, args: TaskArgs<K>): Promise<TaskResult<K>>;
}

export interface WorkerRequest {
  id: number;
  task: TaskName;
  args: unknown;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string; input: boolean; field?: string; rule?: string } };
