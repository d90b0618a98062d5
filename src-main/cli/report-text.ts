import type { ValidationReport } from "../../shared/validator/validate";

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
    ...report.findings.filter((f) => f.status !== "na").map((f) => `  ${MARK[f.status]}  ${f.rule.padEnd(30)} ${f.message}`),
  ];
  if (report.skipped) lines.push("", `Role checks skipped: ${report.skipped.reason}:`, ...report.skipped.rules.map((r) => `  ${r}`));
  lines.push("", `${report.errors} error${report.errors === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}`);
  return lines.join("\n");
}
