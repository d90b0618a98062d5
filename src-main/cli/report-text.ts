import { shownName } from "../../shared/x509/names";
import type { Finding } from "../../shared/validator/finding";
import type { ValidationReport } from "../../shared/validator/validate";
import { submissionVerdict, type RequestReport } from "../../shared/validator/validate-request";

const sentence = (text: string) => text[0]!.toUpperCase() + text.slice(1);

const MARK = { pass: "ok     ", notice: "notice ", warning: "WARNING", error: "ERROR  ", na: "n/a    " } as const;

/** A report as an admin reads it: the certificate, the chain, then every finding except those that do not apply. */
export function reportText(report: ValidationReport, heading: string): string {
  const c = report.certificate;
  const lines = [
    heading,
    `  Subject     ${shownName(c.subject)}`,
    `  Issuer      ${shownName(c.issuer)}`,
    `  Valid       ${c.notBefore} → ${c.notAfter}`,
    `  SAN         ${c.san.join(", ") || "(none)"}`,
    `  Key         ${c.keyAlgorithm}, signed ${c.signatureAlgorithm}`,
    `  Thumbprint  ${c.thumbprint}`,
    `  Chain       ${report.chain.map(shownName).join("  →  ")}`,
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
    `  Subject     ${shownName(r.subject)}`,
    `  SAN         ${r.san.join(", ") || "(none)"}`,
    `  Key         ${r.keyAlgorithm}, signed ${r.signatureAlgorithm}`,
    `  Template    ${r.template ?? "(none)"}`,
    "",
    ...verdictLines(report),
    `${sentence(submissionVerdict(report))}${report.skipped ? " (--site FILE --role ROLE)" : ""}.`,
  ].join("\n");
}

function verdictLines(report: { findings: Finding[]; errors: number; warnings: number; skipped: { reason: string; rules: string[] } | undefined }): string[] {
  const lines = report.findings.filter((f) => f.status !== "na").map((f) => `  ${MARK[f.status]}  ${f.rule.padEnd(30)} ${f.message}`);
  if (report.skipped) lines.push("", `Role checks skipped: ${report.skipped.reason}:`, ...report.skipped.rules.map((r) => `  ${r}`));
  lines.push("", `${report.errors} error${report.errors === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}`);
  return lines;
}
