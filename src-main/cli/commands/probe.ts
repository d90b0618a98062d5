import { InputError } from "../../../shared/errors";
import { planCertificate } from "../../../shared/planner/plan";
import { parseTarget } from "../../services/probe/probe-target";
import { COMMON_OPTIONS, type Command } from "../command";
import { PLAN_OPTIONS, planRequestFrom } from "../plan-options";
import { reportText } from "../report-text";
import { readSiteFile } from "../site-file";
import { onePositional, parseAt } from "./verify";
import { probeEndpoint } from "../../services/probe/probe-service";

export const probeCommand: Command = {
  usage: "lynccert probe HOST[:PORT] [--site FILE --role ROLE [--server FQDN] [--types T,...]] [--sni NAME] [--at ISO-DATE] [--json]",
  options: { ...COMMON_OPTIONS, ...PLAN_OPTIONS, sni: { type: "string" }, at: { type: "string" } },
  positionals: ["HOST[:PORT]"],
  async run(values, positionals, io) {
    const { host, port } = parseTarget(onePositional(positionals));
    if (values.all || values.separate) throw new InputError("probe checks one endpoint: --all and --separate do not apply", { field: "--all" });
    if (Boolean(values.site) !== Boolean(values.role))
      throw new InputError("--site and --role go together: the role rules need the topology", { field: values.site ? "--role" : "--site" });
    const plan = values.site ? planCertificate(await readSiteFile(values.site as string), planRequestFrom(values)) : undefined;
    const report = await probeEndpoint(host, port, values.sni as string | undefined, plan, parseAt(values.at as string | undefined));
    const e = report.endpoint;
    const heading = `${host}:${port}${e.sni ? ` (SNI ${e.sni})` : ""}: ${e.protocol}, ${e.cipher}; ${e.trustedPublicly ? "trusted by public CAs" : `not trusted by Node's public CA list (${e.trustError}) — expected for an internal CA`}`;
    io.out(values.json ? JSON.stringify(report, null, 2) : reportText(report, heading));
    return report.errors > 0 ? 1 : 0;
  },
};
