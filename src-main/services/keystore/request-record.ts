import type { HashName, KeySpec } from "../../../shared/crypto/key-spec";
import type { SubjectDetails } from "../../../shared/csr/subject";
import type { CertificatePlan } from "../../../shared/planner/plan-types";

export type RequestStatus = "pending" | "issued";

/** request.json: what was asked for, so later steps (import, verify, export) know the plan. */
export interface RequestRecord {
  id: string;
  createdAt: string;
  status: RequestStatus;
  plan: CertificatePlan;
  subject: SubjectDetails;
  key: KeySpec;
  hash: HashName;
  template: string | null;
  /** SHA-256 of the SubjectPublicKeyInfo: how an issued certificate finds its key (X509-KEY-MATCH). */
  spkiSha256: string;
  /** The request this one renews or re-issues (the old one is "replaced by" this one once this one is issued). */
  renews?: string;
  /** The certificate the CA issued, once imported; its file is certificates/<thumbprint>.pem (leaf first). */
  certificate?: IssuedCertificate;
}

export interface IssuedCertificate {
  thumbprint: string;
  subject: string;
  /** Absent in records made before it was kept. */
  notBefore?: string;
  notAfter: string;
  importedAt: string;
  chain: string[];
  /** Errors the validator found at import; 0 means it satisfies every rule for its plan. */
  errors: number;
  /** Warnings at import (absent in records made before they were kept). */
  warnings?: number;
  /** The errors and warnings, each with its rule id, so the admin is told why before exporting anyway. */
  findings?: string[];
  /** The issuing CA whose certificate was missing at import (the chain is incomplete until it is imported). */
  issuerMissing?: string;
}

export const STORE_FILES = {
  record: "request.json",
  key: "key.p8.pem",
  csr: "request.req",
  certificates: "certificates",
} as const;

/** Reads request.json; a record missing what later steps rely on is refused, naming the field. */
export function parseRecord(text: string, path: string): RequestRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  const r = value as Partial<RequestRecord> | null;
  const missing = [
    typeof r?.id !== "string" && "id",
    typeof r?.createdAt !== "string" && "createdAt",
    r?.status !== "pending" && r?.status !== "issued" && "status",
    (typeof r?.plan !== "object" || r.plan === null || typeof r.plan.role !== "string" || typeof r.plan.cn !== "string") && "plan",
    typeof r?.key !== "string" && "key",
    typeof r?.spkiSha256 !== "string" && "spkiSha256",
  ].filter((m): m is string => m !== false);
  if (missing.length) throw new Error(`${path} lacks ${missing.join(", ")}`);
  return r as RequestRecord;
}

/** One request as lists show it (lynccert list, the app's Requests view): what was asked for, and when. */
export function requestSummary(r: RequestRecord) {
  return { id: r.id, status: r.status, role: r.plan.role, server: r.plan.server, cn: r.plan.cn, types: r.plan.types, key: r.key, createdAt: r.createdAt, renews: r.renews ?? null };
}
