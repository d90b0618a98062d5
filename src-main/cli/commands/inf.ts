import { requestFriendlyName } from "../../../shared/export/friendly-name";
import { resolve } from "node:path";
import { signingProfile } from "../../../shared/crypto/key-spec";
import { InputError } from "../../../shared/errors";
import { keyWarnings } from "../../../shared/crypto/key-warnings";
import { certreqInf, infFileBytes } from "../../../shared/export/certreq-inf";
import { planCertificate } from "../../../shared/planner/plan";
import { writeFileAtomic } from "../../services/files/atomic-write";
import { COMMON_OPTIONS, type Command } from "../command";
import { PLAN_OPTIONS, PLAN_USAGE, planRequestFrom } from "../plan-options";
import { warningText } from "../plan-text";
import { readSiteFile } from "../site-file";
import { REQUEST_CONTENT_OPTIONS, requestContentFrom } from "../request-content-options";

export const infCommand: Command = {
  usage: `lynccert inf ${PLAN_USAGE} [--key K] [--hash H] [--subject "O=..."] [--template NAME | --no-template] [--friendly-name NAME] --out FILE.inf [--force] [--json]`,
  options: {
    ...COMMON_OPTIONS,
    ...PLAN_OPTIONS,
    ...REQUEST_CONTENT_OPTIONS,
    "friendly-name": { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    const plan = planCertificate(site, { ...planRequestFrom(values), keyLocation: "server" });
    const content = requestContentFrom(values);
    const profile = signingProfile(content.key, content.hash);
    if (plan.rsaOnly && profile.kind !== "rsa")
      throw new InputError("--key: the OAuthTokenIssuer certificate needs an RSA key of 2048 bits or more (OAUTH-KEY-2048)", { field: "--key", rule: "OAUTH-KEY-2048" });
    if (!values.out) throw new InputError("--out FILE.inf is required", { field: "--out" });
    const inf = certreqInf({
      plan,
      subject: content.subject,
      profile,
      template: content.template,
      friendlyName: (values["friendly-name"] as string | undefined) ?? requestFriendlyName(plan, new Date()),
    });
    const out = resolve(values.out as string);
    await writeFileAtomic(out, infFileBytes(inf), { overwrite: values.force === true });
    const warnings = keyWarnings(content.key);
    io.out(values.json ? JSON.stringify({ out, plan, warnings }, null, 2) : `${out}: certreq -new ${out} request.req on ${plan.server ?? "the server"}${warningText(warnings)}`);
    return 0;
  },
};
