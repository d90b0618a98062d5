import { planCertificate } from "../../../shared/planner/plan";
import { COMMON_OPTIONS, type Command } from "../command";
import { PLAN_OPTIONS, PLAN_USAGE, planRequestFrom } from "../plan-options";
import { planText } from "../plan-text";
import { readSiteFile } from "../site-file";

export const planCommand: Command = {
  name: "plan",
  summary: "Show the subject, SANs, EKU and exportability a role's certificate needs, with the rule behind each",
  usage: `lynccert plan ${PLAN_USAGE} [--json]`,
  options: { ...COMMON_OPTIONS, ...PLAN_OPTIONS },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    const plan = planCertificate(site, planRequestFrom(values));
    io.out(values.json ? JSON.stringify(plan, null, 2) : planText(plan));
    return 0;
  },
};
