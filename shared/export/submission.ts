import type { CertificatePlan } from "../planner/plan-types";

export interface SubmissionAdvice {
  /** Which kind of CA signs it. */
  ca: string;
  /** The rule that says so, for a tag beside the words. */
  rule: string | undefined;
  steps: string[];
}

/** How to get a request signed: a public CA for what outsiders trust, else AD CS with the request's template. */
export function submissionAdvice(plan: CertificatePlan, template: string | null): SubmissionAdvice {
  const publicCa = plan.role === "reverse-proxy" || (plan.role === "edge-external" && (plan.types.includes("AccessEdgeExternal") || plan.types.includes("DataEdgeExternal")));
  if (publicCa) {
    return {
      ca: "a public CA",
      rule: plan.role === "reverse-proxy" ? "RP-CA-PUBLIC" : "EDGE-EXT-CA-PUBLIC",
      steps: [
        "Paste the .req into the public CA's order form; if it asks: platform Microsoft, server IIS, response format PKCS #7.",
        "Import the CA's answer (the .p7b or .cer with its intermediates) in Import and verify.",
      ],
    };
  }
  const templateName = template ?? "WebServer";
  return {
    ca: "your internal enterprise CA (AD CS)",
    rule: undefined,
    steps: [
      "AD CS web enrollment: https://<your CA>/certsrv → Request a certificate → advanced certificate request → paste the .req.",
      `Or on a domain computer: certreq -submit -attrib "CertificateTemplate:${templateName}" request.req issued.cer`,
      template === null
        ? "The request names no template: the CA applies the template you give with -attrib."
        : `Name the template the request already carries (${templateName}); a different one is refused by the CA as a template conflict.`,
      "Import the issued certificate in Import and verify.",
    ],
  };
}
