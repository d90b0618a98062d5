import { resolve } from "node:path";
import { parseHash, parseKeySpec, signingProfile } from "../../../shared/crypto/key-spec";
import { parseSubjectOption } from "../../../shared/csr/subject";
import { InputError } from "../../../shared/errors";
import { certreqInf } from "../../../shared/export/certreq-inf";
import { planCertificate } from "../../../shared/planner/plan";
import { writeFileAtomic } from "../../services/files/atomic-write";
import { COMMON_OPTIONS, type Command } from "../command";
import { PLAN_OPTIONS, PLAN_USAGE, planRequestFrom } from "../plan-options";
import { readSiteFile } from "../site-file";

export const infCommand: Command = {
  name: "inf",
  summary: "Write a certreq .inf for generating the key on the Lync server itself (same names, EKU, key and template)",
  usage: `lynccert inf ${PLAN_USAGE} [--key K] [--hash H] [--subject "O=..."] [--template NAME | --no-template] [--friendly-name NAME] --out FILE.inf [--force] [--json]`,
  options: {
    ...COMMON_OPTIONS,
    ...PLAN_OPTIONS,
    key: { type: "string" },
    hash: { type: "string" },
    subject: { type: "string" },
    template: { type: "string" },
    "no-template": { type: "boolean" },
    "friendly-name": { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    const plan = planCertificate(site, { ...planRequestFrom(values), keyLocation: "server" });
    const profile = signingProfile(parseKeySpec(values.key as string | undefined), parseHash(values.hash as string | undefined));
    if (plan.rsaOnly && profile.kind !== "rsa") throw new InputError("--key: the OAuthTokenIssuer certificate needs an RSA key of 2048 bits or more (OAUTH-KEY-2048)", { field: "--key", rule: "OAUTH-KEY-2048" });
    if (!values.out) throw new InputError("--out FILE.inf is required", { field: "--out" });
    const inf = certreqInf({
      plan,
      subject: values.subject ? parseSubjectOption(values.subject as string) : {},
      profile,
      template: values["no-template"] ? null : ((values.template as string | undefined) ?? "WebServer"),
      friendlyName: (values["friendly-name"] as string | undefined) ?? `LyncCert ${plan.role} ${plan.server ?? plan.cn}`,
    });
    const out = resolve(values.out as string);
    await writeFileAtomic(out, inf, { overwrite: values.force === true });
    io.out(values.json ? JSON.stringify({ out, plan }, null, 2) : `${out}: certreq -new ${out} request.req on ${plan.server ?? "the server"}`);
    return 0;
  },
};
