import { resolve } from "node:path";
import { parseHash, parseKeySpec } from "../../../shared/crypto/key-spec";
import { parseSubjectOption } from "../../../shared/csr/subject";
import { InputError } from "../../../shared/errors";
import { Keystore } from "../../services/keystore/keystore";
import { defaultStoreDir } from "../../services/keystore/store-location";
import { createRequest } from "../../services/request-service";
import { COMMON_OPTIONS, type Command } from "../command";
import { readPassphrase } from "../passphrase";
import { PLAN_OPTIONS, PLAN_USAGE, planRequestFrom } from "../plan-options";
import { planText } from "../plan-text";
import { readSiteFile } from "../site-file";

export const requestCommand: Command = {
  name: "request",
  summary: "Generate a key and a compliant PKCS#10 request (.req), kept in the keystore",
  usage:
    `lynccert request ${PLAN_USAGE} [--key rsa2048|rsa4096|p256|p384|p521] [--hash sha256|sha384|sha512]\n` +
    `       [--subject "O=...,OU=...,L=...,ST=...,C=.."] [--template NAME | --no-template] [--store DIR]\n` +
    `       [--passphrase-file F] --out FILE.req [--crlf] [--force] [--json]`,
  options: {
    ...COMMON_OPTIONS,
    ...PLAN_OPTIONS,
    key: { type: "string" },
    hash: { type: "string" },
    subject: { type: "string" },
    template: { type: "string" },
    "no-template": { type: "boolean" },
    store: { type: "string" },
    "passphrase-file": { type: "string" },
    out: { type: "string" },
    crlf: { type: "boolean" },
    force: { type: "boolean" },
  },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    const planRequest = planRequestFrom(values);
    const key = parseKeySpec(values.key as string | undefined);
    const hash = parseHash(values.hash as string | undefined);
    const subject = values.subject ? parseSubjectOption(values.subject as string) : {};
    if (!values.out) throw new InputError("--out FILE.req is required: where to save the request for the CA", { field: "--out" });
    if (values.template && values["no-template"]) throw new InputError("--template and --no-template contradict each other", { field: "--template" });
    const template = values["no-template"] ? null : ((values.template as string | undefined) ?? "WebServer");
    const passphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, true);
    const result = await createRequest({
      site,
      planRequest,
      key,
      hash,
      subject,
      template,
      passphrase,
      store: new Keystore((values.store as string | undefined) ?? defaultStoreDir(io.env)),
      out: resolve(values.out as string),
      crlf: values.crlf === true,
      force: values.force === true,
    });
    if (values.json) io.out(JSON.stringify({ id: result.id, out: result.out, store: result.storeDir, key, plan: result.plan }, null, 2));
    else io.out(`${planText(result.plan)}\n\nRequest ${result.id} saved to ${result.out}\nKey kept encrypted in ${result.storeDir}`);
    return 0;
  },
};
