import type { Finding } from "../../shared/validator/finding";
import type { ValidationReport } from "../../shared/validator/validate";
import type { RequestReport } from "../../shared/validator/validate-request";

const MARK = { pass: "ok     ", notice: "notice ", warning: "WARNING", error: "ERROR  ", na: "n/a    " } as const;

/** A report as an admin reads it: the certificate, the chain, then every finding except those that do not apply. */
export function reportText(report: ValidationReport, heading: string): string {
  const c = report.certificate;
  const lines = [
    heading,
    `  Subject     ${c.subject}`,
    `  Issuer      ${c.issuer}`,
    `  Valid       ${c.notBefore} → ${c.notAfter}`,
    `  SAN         ${c.san.join(", ") || "(none)"}`,
    `  Key         ${c.keyAlgorithm}, signed ${c.signatureAlgorithm}`,
    `  Thumbprint  ${c.thumbprint}`,
    `  Chain       ${report.chain.join("  →  ")}`,
    "",
    ...verdictLines(report),
  ];
  return lines.join("\n");
}

/** A request's check as an admin reads it: what it asks for, then every finding, then the verdict. */
export function requestReportText(report: RequestReport, heading: string): string {
  const r = report.request;
  return [
    heading,
    `  Subject     ${r.subject}`,
    `  SAN         ${r.san.join(", ") || "(none)"}`,
    `  Key         ${r.keyAlgorithm}, signed ${r.signatureAlgorithm}`,
    `  Template    ${r.template ?? "(none)"}`,
    "",
    ...verdictLines(report),
    report.errors > 0 ? "Do not submit it: the CA would issue a certificate that fails these rules." : "It can go to the CA.",
  ].join("\n");
}

function verdictLines(report: { findings: Finding[]; errors: number; warnings: number; skipped: { reason: string; rules: string[] } | undefined }): string[] {
  const lines = report.findings.filter((f) => f.status !== "na").map((f) => `  ${MARK[f.status]}  ${f.rule.padEnd(30)} ${f.message}`);
  if (report.skipped) lines.push("", `Role checks skipped: ${report.skipped.reason}:`, ...report.skipped.rules.map((r) => `  ${r}`));
  lines.push("", `${report.errors} error${report.errors === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}`);
  return lines;
}
