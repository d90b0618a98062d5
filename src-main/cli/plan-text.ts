import type { KeyWarning } from "../../shared/crypto/key-warnings";
import type { CertificatePlan } from "../../shared/planner/plan-types";

/** A plan as an admin reads it: every name with the rules that put it there. */
export function planText(plan: CertificatePlan): string {
  const col = (label: string, value: string, rules: readonly string[]) => `  ${label.padEnd(12)}${value.padEnd(40)} ${rules.length ? `[${rules.join(", ")}]` : ""}`.trimEnd();
  const where = plan.server ? ` for ${plan.server}${plan.pool && plan.pool !== plan.server ? ` (pool ${plan.pool})` : ""}` : "";
  const lines = [
    `${plan.role} certificate${where}`,
    col("-Type", plan.types.length ? plan.types.join(",") : "(none: not assigned by Lync)", []),
    col("Subject", `CN=${plan.cn}`, plan.cnRules),
    ...plan.san.map((n, i) => col(i === 0 ? "SAN" : "", n.name, n.rules)),
    col("EKU", plan.eku.join(", "), plan.ekuRules),
    col("Exportable", plan.exportableKey ? "yes" : "no", plan.exportableRules),
    col("Auto-enroll", plan.autoEnrollment ? "supported" : "not supported", plan.autoEnrollmentRules),
  ];
  if (plan.notes.length) lines.push("  Notes:", ...plan.notes.map((n) => `    ${n.rule}: ${n.text}`));
  return lines.join("\n");
}

/** Key warnings (LC-ECDSA-CNG) as the last lines of a command's output. */
export function warningText(warnings: readonly KeyWarning[]): string {
  return warnings.map((w) => `\nWarning (${w.rule}): ${w.text}`).join("");
}
