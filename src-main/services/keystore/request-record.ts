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
}

export const STORE_FILES = {
  record: "request.json",
  key: "key.p8.pem",
  csr: "request.req",
} as const;
