import { resolve } from "node:path";
import { keyWarnings } from "../../../shared/crypto/key-warnings";
import { InputError } from "../../../shared/errors";
import { startKeystoreKey } from "../../services/keystore/passphrase-check";
import { COMMON_OPTIONS, type CliIo, type Command, type OptionValues } from "../command";
import type { Site } from "../../../shared/site/site-types";
import { makeOutputFolder } from "../../services/files/output-folder";
import { readPassphrase } from "../passphrase";
import { isAll, PLAN_OPTIONS, PLAN_USAGE, planRequestFrom } from "../plan-options";
import { planRequestsForSite } from "../../../shared/planner/plan-all";
import { progressLine, summaryTable } from "../batch-report";
import { planText, warningText } from "../plan-text";
import { readSiteFile } from "../site-file";
import { REQUEST_CONTENT_OPTIONS, requestContentFrom } from "../request-content-options";
import { keystoreFrom } from "../store-option";

export const requestCommand: Command = {
  usage:
    `lynccert request ${PLAN_USAGE} [--key rsa2048|rsa4096|p256|p384|p521] [--hash sha256|sha384|sha512]\n` +
    `       [--subject "O=...,OU=...,L=...,ST=...,C=.."] [--template NAME | --no-template] [--store DIR]\n` +
    `       [--passphrase-file F] (--out FILE.req | with --all: [--out-dir DIR]) [--crlf] [--force] [--json]\n` +
    `  --all generates every certificate of the site in parallel into the store (and .req files into --out-dir).`,
  options: {
    ...COMMON_OPTIONS,
    ...PLAN_OPTIONS,
    ...REQUEST_CONTENT_OPTIONS,
    store: { type: "string" },
    "passphrase-file": { type: "string" },
    out: { type: "string" },
    "out-dir": { type: "string" },
    crlf: { type: "boolean" },
    force: { type: "boolean" },
  },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    if (isAll(values)) return runBatch(values, site, io);
    const planRequest = planRequestFrom(values);
    const content = requestContentFrom(values);
    if (!values.out) throw new InputError("--out FILE.req is required: where to save the request for the CA", { field: "--out" });
    const passphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, true);
    // The 600,000-iteration PBKDF2 is the longest step of a request: it is under way, on the thread pool,
    // before the request's modules load and its key is made.
    const store = keystoreFrom(values, io);
    const { key: derived } = await startKeystoreKey(store, passphrase);
    derived.catch(() => undefined);
    // Loaded only now (the bundle initializes it on first use), so that its setup does not delay the PBKDF2.
    const { createRequest } = await import("../../services/request-service");
    const result = await createRequest({
      site,
      planRequest,
      ...content,
      passphrase,
      derived,
      store,
      out: resolve(values.out as string),
      crlf: values.crlf === true,
      force: values.force === true,
    });
    const warnings = keyWarnings(content.key);
    if (values.json) io.out(JSON.stringify({ id: result.id, out: result.out, store: result.storeDir, key: content.key, plan: result.plan, warnings }, null, 2));
    else io.out(`${planText(result.plan)}\n\nRequest ${result.id} saved to ${result.out}\nKey kept encrypted in ${result.storeDir}${warningText(warnings)}`);
    return 0;
  },
};

async function runBatch(values: OptionValues, site: Site, io: CliIo): Promise<number> {
  if (values.out) throw new InputError("--all writes one .req per certificate: use --out-dir DIR instead of --out", { field: "--out" });
  const { createRequests } = await import("../../services/batch-service");
  const requests = planRequestsForSite(site, { separate: values.separate === true, wildcards: values.wildcards === true });
  const content = requestContentFrom(values);
  const passphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, true);
  const outDir = values["out-dir"] ? await makeOutputFolder(values["out-dir"] as string, "--out-dir") : undefined;
  const started = performance.now();
  const results = await createRequests({
    site,
    requests,
    ...content,
    passphrase,
    store: keystoreFrom(values, io),
    outDir,
    crlf: values.crlf === true,
    force: values.force === true,
    onProgress: io.stderrIsTty ? (done, total, last) => io.err(progressLine(done, total, last), { newline: false }) : undefined,
  });
  if (io.stderrIsTty) io.err("", { newline: true });
  const failed = results.filter((r) => r.error).length;
  if (values.json) io.out(JSON.stringify({ results, failed, seconds: (performance.now() - started) / 1000 }, null, 2));
  else
    io.out(
      `${summaryTable(results)}\n\n${results.length - failed} of ${results.length} requests made in ${((performance.now() - started) / 1000).toFixed(1)} s${failed ? `; ${failed} failed` : ""}${warningText(keyWarnings(content.key))}`,
    );
  return failed ? 1 : 0;
}
