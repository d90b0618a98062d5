import { InputError } from "../../../shared/errors";
import { reportState } from "../../../shared/certificates/certificate-state";
import { readInputFile, utf8Text } from "../../services/files/input-file";
import { ensureAccount, orderCertificate } from "../../services/acme/acme-service";
import type { AcmeTransport } from "../../services/acme/acme-http";
import { parseTsigKeyFile } from "../../services/dns/tsig-key-file";
import { parseDnsServer } from "../../services/dns/txt-check";
import { hookSolver, manualSolver, rfc2136Solver, type TxtSolver } from "../../services/dns/txt-solvers";
import { pfxProfileOption } from "../pfx-profile-option";
import { COMMON_OPTIONS, type CliIo, type Command, type OptionValues } from "../command";
import { readExportPassword, readPassphrase } from "../passphrase";
import { readSiteFile } from "../site-file";
import { makeOutputFolder } from "../../services/files/output-folder";
import { kitTotals } from "../../../shared/kit/kit-summary";
import { renewPublicCertificates } from "../../services/acme/acme-renewal-service";
import { reportText } from "../report-text";
import { keystoreFrom } from "../store-option";

/** Every call to the ACME server is bounded: a server that does not answer is named within seconds. */
const ACME_TIMEOUT_MS = 15_000;
const MAX_SMALL_FILE_BYTES = 64 * 1024;

async function smallFile(path: string, field: string, kind: string): Promise<string> {
  return utf8Text(await readInputFile(path, { field, kind, maxBytes: MAX_SMALL_FILE_BYTES }), path, field);
}

async function transportFrom(values: OptionValues): Promise<AcmeTransport> {
  const caFile = values["ca-file"] as string | undefined;
  return { timeoutMs: ACME_TIMEOUT_MS, ...(caFile ? { ca: await smallFile(caFile, "--ca-file", "a CA certificate file (PEM)") } : {}) };
}

function directoryFrom(values: OptionValues): string {
  const directory = values.directory as string | undefined;
  if (!directory)
    throw new InputError("--directory URL is required: the ACME directory of the CA (Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory)", { field: "--directory" });
  if (!/^https:\/\/[^\s]+$/.test(directory)) throw new InputError(`--directory ${directory}: an https:// URL`, { field: "--directory" });
  return directory;
}

/** Exactly one of the three ways to place the dns-01 records. */
async function solverFrom(values: OptionValues, io: CliIo): Promise<TxtSolver> {
  const ways = ["dns-hook", "dns-rfc2136", "dns-manual"].filter((w) => values[w] !== undefined);
  if (ways.length !== 1) throw new InputError("give one of --dns-hook CMD, --dns-rfc2136 HOST:PORT --tsig-key-file F, or --dns-manual", { field: "--dns-hook" });
  if (values["dns-hook"]) return hookSolver(values["dns-hook"] as string);
  if (values["dns-manual"]) return manualSolver((line) => io.err(line));
  const keyFile = values["tsig-key-file"] as string | undefined;
  if (!keyFile) throw new InputError("--dns-rfc2136 needs --tsig-key-file F (a BIND-style key file, as tsig-keygen writes it)", { field: "--tsig-key-file" });
  const check = values["dns-check"] ? [parseDnsServer(values["dns-check"] as string, "--dns-check")] : undefined;
  return rfc2136Solver(
    parseDnsServer(values["dns-rfc2136"] as string, "--dns-rfc2136"),
    parseTsigKeyFile(await smallFile(keyFile, "--tsig-key-file", "a TSIG key file"), keyFile),
    check,
  );
}

const SHARED = { ...COMMON_OPTIONS, directory: { type: "string" }, "ca-file": { type: "string" }, store: { type: "string" }, "passphrase-file": { type: "string" } } as const;

export const acmeCommand: Command = {
  usage:
    "lynccert acme account --directory URL [--email E] [--agree-tos] [--eab-kid K --eab-hmac-file F] [--ca-file F] [--store DIR] [--json]\n" +
    "lynccert acme order ID --directory URL (--dns-hook CMD | --dns-rfc2136 HOST:PORT --tsig-key-file F | --dns-manual)\n" +
    "                       [--dns-check HOST:PORT] [--ca-file F] [--store DIR] [--passphrase-file F] [--json]\n" +
    "lynccert acme renew --site FILE --directory URL (dns options as above) [--out-dir DIR] [--profile compat|modern] [--password-file F] [--store DIR] [--json]\n" +
    "  order: exit 0 when the issued certificate is imported without errors, 1 when it was issued with errors, 2 for bad input or a refusal.\n" +
    "  renew: every public certificate of the site that is due (none yet, expiring, needs re-issue, or in the CA's ARI window) gets a new\n" +
    "  key and request, is ordered and imported; with --out-dir the kits are built after. Exit 0 when all are issued without errors.\n" +
    "  A hook is called as CMD add NAME VALUE and CMD remove NAME VALUE.",
  options: {
    ...SHARED,
    email: { type: "string" },
    "agree-tos": { type: "boolean" },
    "eab-kid": { type: "string" },
    "eab-hmac-file": { type: "string" },
    "dns-hook": { type: "string" },
    "dns-rfc2136": { type: "string" },
    "tsig-key-file": { type: "string" },
    "dns-manual": { type: "boolean" },
    "dns-check": { type: "string" },
    site: { type: "string" },
    "out-dir": { type: "string" },
    profile: { type: "string" },
    "password-file": { type: "string" },
  },
  positionals: ["account|order|renew", "ID"],
  async run(values, positionals, io) {
    const [verb, id, ...extra] = positionals;
    if (verb === "account" && !id) return account(values, io);
    if (verb === "order" && id && extra.length === 0) return order(id, values, io);
    if (verb === "renew" && !id) return renew(values, io);
    throw new InputError("usage: lynccert acme account --directory URL … | lynccert acme order ID --directory URL … | lynccert acme renew --site FILE --directory URL …", {
      field: "account|order|renew",
    });
  },
};

async function account(values: OptionValues, io: CliIo): Promise<number> {
  const kid = values["eab-kid"] as string | undefined;
  const hmacFile = values["eab-hmac-file"] as string | undefined;
  if (Boolean(kid) !== Boolean(hmacFile)) throw new InputError("External Account Binding takes both --eab-kid and --eab-hmac-file", { field: "--eab-kid" });
  const eab = kid && hmacFile ? { kid, hmacKey: Buffer.from((await smallFile(hmacFile, "--eab-hmac-file", "an EAB HMAC key file")).trim(), "base64url") } : undefined;
  const email = values.email as string | undefined;
  if (email !== undefined && !/^[^\s@:]+@[A-Za-z0-9.-]+$/.test(email)) throw new InputError(`--email ${email}: an e-mail address`, { field: "--email" });
  const store = keystoreFrom(values, io);
  const passphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, store.newestKey() === undefined);
  const { record, created } = await ensureAccount({
    store,
    passphrase,
    directory: directoryFrom(values),
    email,
    agreeTerms: values["agree-tos"] === true,
    eab,
    transport: await transportFrom(values),
  });
  if (values.json) io.out(JSON.stringify({ created, directory: record.directory, url: record.url, contact: record.contact, termsOfService: record.termsOfService }, null, 2));
  else
    io.out(
      `${created ? "Account made" : "Account already kept"} for ${record.directory}: ${record.url}${record.termsOfService ? ` (terms agreed: ${record.termsOfService})` : ""}`,
    );
  return 0;
}

/** What an order and the renewal round share: the keystore and its passphrase, the CA, the DNS way, progress on stderr. */
async function orderContext(values: OptionValues, io: CliIo) {
  const solver = await solverFrom(values, io);
  const store = keystoreFrom(values, io);
  return {
    store,
    solver,
    passphrase: await readPassphrase(values["passphrase-file"] as string | undefined, io, false),
    directory: directoryFrom(values),
    transport: await transportFrom(values),
    dnsCheck: values["dns-check"] ? [parseDnsServer(values["dns-check"] as string, "--dns-check")] : undefined,
    at: () => new Date(),
    say: (line: string) => io.err(line),
  };
}

async function order(id: string, values: OptionValues, io: CliIo): Promise<number> {
  const result = await orderCertificate({ ...(await orderContext(values, io)), id });
  const state = reportState(result.report, new Date());
  if (values.json) io.out(JSON.stringify({ requestId: result.requestId ?? null, order: result.orderUrl, profile: result.profile, state: state.state, ...result.report }, null, 2));
  else io.out(reportText(result.report, `${id}: issued over ACME (${result.orderUrl}) and imported — ${state.label}`));
  return result.report.errors > 0 ? 1 : 0;
}

async function renew(values: OptionValues, io: CliIo): Promise<number> {
  const site = await readSiteFile(values.site as string | undefined);
  const profile = pfxProfileOption(values);
  const context = await orderContext(values, io);
  const outDir = values["out-dir"] ? await makeOutputFolder(values["out-dir"] as string, "--out-dir") : undefined;
  const kits = outDir ? { outDir, profile, password: await readExportPassword(values["password-file"] as string | undefined, io, true) } : undefined;
  const result = await renewPublicCertificates({ ...context, site, kits });
  const rows = result.renewed.map((r) => ({
    role: r.role,
    server: r.server,
    why: r.why,
    requestId: r.requestId ?? null,
    renews: r.renews ?? null,
    state: r.result ? reportState(r.result.report, new Date()).state : null,
    errors: r.result?.report.errors ?? null,
    error: r.error ?? null,
  }));
  // The round's own outcome: the private certificates' kits are the admin's other work.
  const failed = rows.some((r) => r.error !== null || (r.errors ?? 0) > 0);
  if (values.json)
    io.out(
      JSON.stringify({ renewed: rows, notDue: result.notDue, kits: result.kits ? { outDir: result.kits.outDir, totals: kitTotals(result.kits.kits) } : null, failed }, null, 2),
    );
  else
    io.out(
      [
        ...(rows.length ? rows.map((r) => `${r.server ?? r.role}: ${r.error ? `FAILED: ${r.error}` : `${r.requestId} ${r.state}`} (${r.why})`) : ["Nothing is due."]),
        ...result.notDue.map((n) => `${n.server ?? n.role}: not due until ${n.from} (${n.source === "ari" ? "the CA's renewal information" : "the last third of its lifetime"})`),
        ...(result.kits ? [`Kits written to ${result.kits.outDir}.`] : []),
      ].join("\n"),
    );
  return failed ? 1 : 0;
}
