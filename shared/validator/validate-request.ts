import { signedParts } from "../codec/der-span";
import type { CertificatePlan } from "../planner/plan-types";
import type { RequestFacts } from "../x509/request-facts";
import type { SignatureCheck } from "../x509/signature-check";
import type { Finding } from "./finding";
import { REQUEST_RULES } from "./request-rules";
import { tally } from "./validate";
import { keyDescription } from "../x509/public-key-info";

export interface RequestReport {
  request: { subject: string; san: string[]; keyAlgorithm: string; signatureAlgorithm: string; template: string | null };
  findings: Finding[];
  errors: number;
  warnings: number;
  skipped: { reason: string; rules: string[] } | undefined;
}

/** Checks a request against the plan before submission: what the CA would issue from it, with the same rule ids. */
export async function validateRequest(p: { request: RequestFacts; plan: CertificatePlan | undefined; checkSignature: SignatureCheck }): Promise<RequestReport> {
  const ctx = { request: p.request, plan: p.plan, signature: await p.checkSignature(signedParts(p.request.der), p.request.spki) };
  const findings: Finding[] = [];
  for (const rule of REQUEST_RULES) {
    if (rule.needsPlan && !p.plan) continue;
    if (!rule.applies(ctx)) continue;
    for (const outcome of rule.check(ctx)) findings.push({ ...outcome, rule: outcome.rule ?? rule.id });
  }
  const key = p.request.key;
  return {
    request: {
      subject: p.request.subject,
      san: p.request.sanDns ?? [],
      keyAlgorithm: keyDescription(key),
      signatureAlgorithm: p.request.signatureName,
      template: p.request.template,
    },
    findings,
    ...tally(findings),
    skipped: p.plan
      ? undefined
      : { reason: "no site file and role given (--site FILE --role ROLE)", rules: REQUEST_RULES.filter((r) => r.needsPlan).map((r) => `${r.id} (${r.summary})`) },
  };
}

/** Whether the request can go to the CA, in words: only when nothing failed and the role's own rules were run too. */
export function submissionVerdict(r: Pick<RequestReport, "errors" | "skipped">): string {
  if (r.errors > 0) return "do not submit it: the CA would issue a certificate that fails these rules";
  if (r.skipped) return "its role was not checked, so whether it can go to the CA is not known yet: check it against its role first";
  return "it can go to the CA";
}
