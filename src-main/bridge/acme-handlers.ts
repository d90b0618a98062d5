import { randomBytes } from "node:crypto";
import type { AcmeAccountInput, AcmePrepareInput, AcmeRoundInput, AcmeRoundResult, ImportedCertificate, Remembered } from "../../shared/bridge/bridge-contract";
import { reportState } from "../../shared/certificates/certificate-state";
import { parseSite } from "../../shared/site/parse-site";
import { renewPublicCertificates } from "../services/acme/acme-renewal-service";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { InputError } from "../../shared/errors";
import { findAccount } from "../services/acme/acme-accounts";
import { readDirectory } from "../services/acme/acme-client";
import type { AcmeTransport } from "../services/acme/acme-http";
import { completeOrder, ensureAccount, prepareOrder, type PreparedOrder } from "../services/acme/acme-service";
import { readInputFile, utf8Text } from "../services/files/input-file";
import type { Keystore } from "../services/keystore/keystore";
import { parseTsigKeyFile } from "../services/dns/tsig-key-file";
import { parseDnsServer } from "../services/dns/txt-check";
import { manualSolver, rfc2136Solver } from "../services/dns/txt-solvers";
import type { Dialogs } from "./dialogs";

/** The keystore action wrapper of the bridge: the passphrase typed or remembered, kept as the admin asked once it opened keys. */
export type WithKeystore = <T extends object>(
  access: { passphrase: string; remember?: "no" | "session" | "keychain" },
  action: (passphrase: string) => Promise<T>,
) => Promise<T & Remembered>;

export interface AcmeDeps {
  store: Keystore;
  dialogs: Dialogs;
  now: () => Date;
  withKeystore: WithKeystore;
  /** Extra roots (PEM) for an ACME server's own TLS (a private ACME server; LYNCCERT_ACME_CA_FILE). */
  acmeCa: string | undefined;
}

/** Orders prepared and not yet completed or cancelled: at most a few at once, each until the app completes it. */
const MAX_PREPARED = 8;
/** The app asks for the check only once the admin says the records are there: two minutes for DNS to serve them. */
const APP_TXT_WAIT_MS = 120_000;

/**
 * ACME from the app: no hook (a command from the renderer would be a command line any page script could run);
 * the admin creates the records, or main updates DNS by RFC 2136 with a TSIG key file chosen in main's own dialog.
 */
type AcmeChannel = (typeof CHANNELS)["acmeDirectoryInfo" | "acmeAccount" | "acmePrepareOrder" | "acmeCompleteOrder" | "acmeCancelOrder" | "acmeRenewRound"];

export function createAcmeHandlers({ store, dialogs, now, withKeystore, acmeCa }: AcmeDeps): Record<AcmeChannel, (payload: any) => Promise<unknown>> {
  const transport: AcmeTransport = { timeoutMs: 15_000, ...(acmeCa ? { ca: acmeCa } : {}) };
  const prepared = new Map<string, PreparedOrder>();
  /** RFC 2136 to the server named, with the TSIG key file the admin chooses in main's own dialog; undefined when cancelled. */
  const updateSolver = async (server: string) => {
    const target = parseDnsServer(server, "DNS server for updates");
    const keyFile = await dialogs.openFile({ title: "The TSIG key for DNS updates (a BIND-style key file)", filters: [{ name: "TSIG key", extensions: ["key", "conf", "txt"] }] });
    if (!keyFile) return undefined;
    return rfc2136Solver(
      target,
      parseTsigKeyFile(utf8Text(await readInputFile(keyFile, { field: keyFile, kind: "a TSIG key file", maxBytes: 64 * 1024 }), keyFile, keyFile), keyFile),
      undefined,
    );
  };
  const take = (token: string) => {
    const p = prepared.get(token);
    if (!p) throw new InputError("this order is no longer prepared: get it from the public CA again", { field: "token" });
    prepared.delete(token);
    return p;
  };
  return {
    [CHANNELS.acmeDirectoryInfo]: async ({ directory }: { directory: string }) => {
      const [meta, account] = await Promise.all([readDirectory(directory, transport).then((d) => d.meta), findAccount(store, directory)]);
      return {
        termsOfService: meta?.termsOfService ?? null,
        externalAccountRequired: meta?.externalAccountRequired === true,
        account: account?.url ?? null,
      };
    },
    [CHANNELS.acmeAccount]: (input: AcmeAccountInput) =>
      withKeystore(input, async (passphrase) => {
        const { record, created } = await ensureAccount({
          store,
          passphrase,
          directory: input.directory,
          email: input.email ?? undefined,
          agreeTerms: input.agreeTerms,
          eab: input.eab ? { kid: input.eab.kid, hmacKey: Buffer.from(input.eab.hmacKey, "base64url") } : undefined,
          transport,
        });
        return { url: record.url, created };
      }),
    [CHANNELS.acmePrepareOrder]: async (input: AcmePrepareInput) => {
      if (prepared.size >= MAX_PREPARED) throw new InputError(`${MAX_PREPARED} orders are prepared and not completed: complete or cancel one first`, { field: "token" });
      const solver = input.dns.way === "rfc2136" ? await updateSolver(input.dns.server) : manualSolver(() => undefined, APP_TXT_WAIT_MS);
      if (!solver) return null;
      return withKeystore(input, async (passphrase) => {
        const p = await prepareOrder({ store, id: input.id, passphrase, directory: input.directory, transport, solver, say: () => undefined });
        const token = randomBytes(16).toString("hex");
        prepared.set(token, p);
        return { token, records: p.placed, placed: input.dns.way === "rfc2136" };
      });
    },
    [CHANNELS.acmeCompleteOrder]: async ({ token, dnsCheck }: { token: string; dnsCheck: string | null }): Promise<ImportedCertificate> => {
      const p = take(token);
      const r = await completeOrder(p, { store, dnsCheck: dnsCheck ? [parseDnsServer(dnsCheck, "DNS server to check")] : undefined, at: now, say: () => undefined });
      return { kind: "answer", ...r.report, requestId: r.requestId ?? null, plan: r.plan ?? null, current: r.current };
    },
    [CHANNELS.acmeCancelOrder]: async ({ token }: { token: string }) => {
      const p = take(token);
      if (p.placed.length) await p.solver.remove(p.placed);
    },
    [CHANNELS.acmeRenewRound]: async (input: AcmeRoundInput): Promise<(AcmeRoundResult & Remembered) | null> => {
      const solver = await updateSolver(input.updateServer);
      if (!solver) return null;
      return withKeystore(input, async (passphrase) => {
        const r = await renewPublicCertificates({
          store,
          site: parseSite(input.site, "site"),
          passphrase,
          directory: input.directory,
          transport,
          solver,
          dnsCheck: input.dnsCheck ? [parseDnsServer(input.dnsCheck, "DNS server to check")] : undefined,
          at: now,
          say: () => undefined,
        });
        return {
          notDue: r.notDue,
          renewed: r.renewed.map((x) => ({
            role: x.role,
            server: x.server,
            why: x.why,
            requestId: x.requestId ?? null,
            renews: x.renews ?? null,
            label: x.result ? reportState(x.result.report, now()).label : null,
            error: x.error ?? null,
          })),
        };
      });
    },
  };
}
