import type { HashName, KeySpec } from "../../shared/crypto/key-spec";
import type { SubjectDetails } from "../../shared/csr/subject";
import type { CertType } from "../../shared/roles/cert-types";
import type { RoleId } from "../../shared/roles/cert-roles";
import { EMPTY_SITE } from "./example-site";

const SUBJECT_KEY = "lynccert.subject";

function rememberedSubject(): SubjectDetails {
  try {
    return JSON.parse(localStorage.getItem(SUBJECT_KEY) ?? "{}") as SubjectDetails;
  } catch {
    return {};
  }
}

/** Subject details are remembered between requests (step 3). */
export function rememberSubject(subject: SubjectDetails): void {
  localStorage.setItem(SUBJECT_KEY, JSON.stringify(subject));
}

export interface WizardState {
  siteDraft: any;
  sitePath: string | null;
  role: RoleId;
  server: string;
  types: CertType[] | null;
  wildcards: boolean;
  subject: SubjectDetails;
  key: KeySpec;
  hash: HashName;
  template: string;
  useTemplate: boolean;
  crlf: boolean;
}

export function newWizardState(): WizardState {
  return {
    siteDraft: structuredClone(EMPTY_SITE),
    sitePath: null,
    role: "front-end",
    server: "",
    types: null,
    wildcards: false,
    subject: rememberedSubject(),
    key: "rsa2048",
    hash: "sha256",
    template: "WebServer",
    useTemplate: true,
    crlf: true,
  };
}

export const wizard: WizardState = $state(newWizardState());

/** The request the Generate step made last, with what it was made from: kept across Back and Next. */
export const generated: { id: string; csrPem: string; content: string } | { id: null } = $state({ id: null });
