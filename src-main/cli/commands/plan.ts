import { planCertificate } from "../../../shared/planner/plan";
import { planSite } from "../../../shared/planner/plan-all";
import { COMMON_OPTIONS, type Command } from "../command";
import { isAll, PLAN_OPTIONS, PLAN_USAGE, planRequestFrom } from "../plan-options";
import { planText, warningText } from "../plan-text";
import { keyWarnings } from "../../../shared/crypto/key-warnings";
import { parseKeySpec } from "../../../shared/crypto/key-spec";
import { readSiteFile } from "../site-file";

export const planCommand: Command = {
  usage: `lynccert plan ${PLAN_USAGE} [--key rsa2048|rsa4096|p256|p384|p521] [--json]`,
  options: { ...COMMON_OPTIONS, ...PLAN_OPTIONS, key: { type: "string" } },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    if (isAll(values)) {
      const plans = planSite(site, { separate: values.separate === true, wildcards: values.wildcards === true });
      if (values.json) io.out(JSON.stringify(plans, null, 2));
      else {
        io.out(`${plans.length} certificates for this site:`);
        for (const p of plans)
          io.out(`  ${p.role.padEnd(28)}${(p.server ?? "(deployment)").padEnd(28)}CN=${p.cn.padEnd(28)}${p.san.length} SANs  ${p.types.join(",") || "(no -Type)"}`);
      }
      return 0;
    }
    const plan = planCertificate(site, planRequestFrom(values));
    const warnings = values.key ? keyWarnings(parseKeySpec(values.key as string)) : [];
    io.out(values.json ? JSON.stringify(warnings.length ? { ...plan, warnings } : plan, null, 2) : planText(plan) + warningText(warnings));
    return 0;
  },
};
