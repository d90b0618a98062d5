import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import type {
  Channel,
  ExportPemInput,
  ExportPfxInput,
  GenerateRequestInput,
  InfInput,
  ProbeInput,
  RequestRow,
  VerifyInput,
  CertificateFileInput,
  AnswersInput,
  BuildKitsInput,
  KeystoreAccess,
  Remembered,
  RenewRequestInput,
  SavedRequest,
} from "../../shared/bridge/bridge-contract";
import { requestFileName } from "../../shared/planner/request-file-name";
import { answerFiles, type AnswerFiles } from "../services/files/answer-files";
import { buildKits, kitPlans } from "../services/kit-service";
import { planRenewal, reissueNoteOf, renewRequest, saveReissueNote } from "../services/renew-service";
import { MAX_TOPOLOGY_BYTES } from "../../shared/topology/xml-document";
import { parseTarget } from "../services/probe/probe-target";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { fromBase64 } from "../../shared/codec/pem";
import { signingProfile } from "../../shared/crypto/key-spec";
import { InputError } from "../../shared/errors";
import { shownName } from "../../shared/x509/names";
import { certreqInf, infFileBytes } from "../../shared/export/certreq-inf";
import { requestFriendlyName } from "../../shared/export/friendly-name";
import { planCertificate } from "../../shared/planner/plan";
import { withKeyOnServer } from "../../shared/planner/key-policy";
import type { CertificatePlan, PlanRequest } from "../../shared/planner/plan-types";
import { isSiteDraft, MAX_SITE_FILE_BYTES, parseSite } from "../../shared/site/parse-site";
import { exportPem, exportPfx } from "../services/export-service";
import { writeFileAtomic } from "../services/files/atomic-write";
import { readInputFile } from "../services/files/input-file";
import { makeOutputFolder } from "../services/files/output-folder";
import type { Keystore } from "../services/keystore/keystore";
import { requestSummary, STORE_FILES } from "../services/keystore/request-record";
import { checkPassphrase } from "../services/keystore/passphrase-policy";
import { PassphraseMemory, type SecretVault } from "../services/keystore/passphrase-memory";
import { createRequest } from "../services/request-service";
import type { TaskRunner } from "../workers/untrusted-tasks";
import { FILTERS, type Dialogs } from "./dialogs";
import { isAllowedExternalUrl } from "./external-links";
import { createAcmeHandlers } from "./acme-handlers";
import { needsPublicCa } from "../../shared/planner/public-ca";

export interface BridgeDeps {
  store: Keystore;
  dialogs: Dialogs;
  now: () => Date;
  /** Where untrusted input is parsed and checked: a worker thread, so the window never freezes. */
  tasks: TaskRunner;
  /** The OS secret store (Electron safeStorage) for a remembered passphrase; absent where there is none. */
  vault?: SecretVault;
  /** Extra roots (PEM) for a private ACME server's own TLS (LYNCCERT_ACME_CA_FILE); the system's otherwise. */
  acmeCa?: string;
}

type Handler = (payload: any) => Promise<unknown>;

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Unreadable kept sites set aside, newest first; older ones beyond this are removed, so the folder cannot fill up. */
const SET_ASIDE_KEPT = 5;

async function setAside(file: string, at: Date): Promise<void> {
  const prefix = `${basename(file)}.unreadable-`;
  await fs.rename(file, `${file}.unreadable-${at.toISOString().replace(/[-:.]/g, "")}`);
  const aside = (await fs.readdir(dirname(file)))
    .filter((n) => n.startsWith(prefix))
    .sort()
    .reverse();
  for (const old of aside.slice(SET_ASIDE_KEPT)) await fs.rm(join(dirname(file), old), { force: true });
}

/** A new folder per round inside the one the admin chose: a round never replaces files, and an earlier one may be what the CA or the servers have. */
async function newRoundFolder(parent: string, what: string, at: Date): Promise<string> {
  const folder = join(parent, `LyncCert ${what} ${at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}`);
  await makeOutputFolder(folder, "folder");
  return folder;
}

/** The plan a check runs against, when the renderer sent a site and a role (the role rules need both). */
function optionalPlan(input: { site: unknown; planRequest: PlanRequest | null }): CertificatePlan | undefined {
  return input.site && input.planRequest ? planCertificate(parseSite(input.site, "site"), input.planRequest) : undefined;
}

/** One handler per channel, each a thin call into the plain-Node services. */
export function createBridgeHandlers({ store, dialogs, now, tasks, vault, acmeCa }: BridgeDeps): Record<Channel, Handler> {
  const memory = new PassphraseMemory(join(store.dir, "passphrase.os-protected"), vault);
  /**
   * Runs an action that opens the keystore, with the passphrase typed or the one remembered, and keeps it as the
   * admin asked once the action has opened keys with it (`opened`): a typo is never remembered.
   */
  const withKeystore = async <T extends object>(
    access: KeystoreAccess,
    action: (passphrase: string) => Promise<T>,
    opened: (result: T) => boolean = () => true,
  ): Promise<T & Remembered> => {
    const refused = await memory.refusal(access.remember);
    if (refused) throw refused;
    const passphrase = checkPassphrase(await memory.resolve(access.passphrase), "passphrase");
    const result = await action(passphrase);
    if (!opened(result)) return result;
    // The action is done whatever happens here: what could not be kept is a note beside its result, never its failure.
    return memory.keep(passphrase, access.remember).then(
      () => result,
      (e: Error) => ({ ...result, rememberNote: `Done, but the passphrase could not be remembered: ${e.message}` }),
    );
  };
  // What this session wrote (saved files, kit folders): the only paths the renderer may ask to show.
  const written = new Set<string>();
  // The folders made for this session's requests: the only ones a request may be saved into without a dialog.
  const requestFolders = new Set<string>();
  const requestFile = (saveIn: string | undefined) => {
    if (saveIn === undefined) return undefined;
    if (!requestFolders.has(saveIn)) throw new InputError("requests are saved only into a folder made for them in this session (Make the requests…)", { field: "saveIn" });
    return (plan: CertificatePlan) => join(saveIn, requestFileName(plan));
  };
  const savedRequest = (file: string | undefined, noteFile?: string): SavedRequest => {
    for (const p of [file, noteFile]) if (p) written.add(p);
    return { ...(file ? { file } : {}), ...(noteFile ? { noteFile } : {}) };
  };
  // The admin's site as last edited, beside the keystore in the app's data folder.
  const currentSite = join(store.dir, "current-site.json");
  const saveAs = async (title: string, defaultName: string, filters: (typeof FILTERS)[keyof typeof FILTERS], write: (path: string) => Promise<string[]>) => {
    const path = await dialogs.saveFile({ title, defaultName, filters: [...filters] });
    const paths = path ? await write(path) : null;
    paths?.forEach((p) => written.add(p));
    return { paths };
  };
  return {
    [CHANNELS.openSite]: async () => {
      const path = await dialogs.openFile({ title: "Open a LyncCert site file", filters: [...FILTERS.site] });
      if (!path) return null;
      return { path, text: (await readInputFile(path, { field: path, kind: "a site file", readAs: "the site file", maxBytes: MAX_SITE_FILE_BYTES })).toString("utf8") };
    },
    [CHANNELS.loadCurrentSite]: async () => {
      // None kept yet (a first start); any other trouble with it is reported.
      const absent = await fs.access(currentSite).then(
        () => false,
        (e: NodeJS.ErrnoException) => e.code === "ENOENT",
      );
      if (absent) return null;
      const text = await readInputFile(currentSite, { field: currentSite, kind: "a site file", readAs: "the site kept from last time", maxBytes: MAX_SITE_FILE_BYTES });
      return { path: currentSite, text: text.toString("utf8") };
    },
    [CHANNELS.saveCurrentSite]: async ({ text }: { text: string }) => {
      if (!isSiteDraft(jsonOrUndefined(text)))
        throw new InputError("not a LyncCert site (a JSON object of the site file's fields); the kept site was not changed", { field: "text" });
      await makeOutputFolder(store.dir, "store", "the app's data folder");
      // An unreadable kept site is set aside, never replaced: it may be the admin's only copy of a day's work.
      const before = await readInputFile(currentSite, { field: currentSite, kind: "a site file", maxBytes: MAX_SITE_FILE_BYTES }).catch(() => undefined);
      if (before !== undefined && !isSiteDraft(jsonOrUndefined(before.toString("utf8")))) await setAside(currentSite, now());
      await writeFileAtomic(currentSite, text, { overwrite: true, mode: 0o600 });
    },
    [CHANNELS.saveSite]: ({ text }: { text: string }) =>
      saveAs("Save the site file", "site.json", FILTERS.site, async (path) => {
        await writeFileAtomic(path, text, { overwrite: true });
        return [path];
      }),
    [CHANNELS.generateRequest]: async (input: GenerateRequestInput) => {
      const result = await withKeystore(input, (passphrase) =>
        createRequest({
          site: parseSite(input.site, "site"),
          planRequest: input.planRequest,
          key: input.key,
          hash: input.hash,
          subject: input.subject,
          template: input.template,
          passphrase,
          store,
          out: requestFile(input.saveIn),
          crlf: input.crlf,
          force: false,
        }),
      );
      return { id: result.id, plan: result.plan, csrPem: result.csrPem, ...savedRequest(result.out), rememberNote: result.rememberNote };
    },
    [CHANNELS.saveRequestFile]: async ({ id }: { id: string }) => {
      const { dir, record } = await store.get(id);
      const csr = await fs.readFile(join(dir, STORE_FILES.csr));
      const note = await reissueNoteOf(store, record);
      return saveAs("Save the certificate request", `${id}.req`, FILTERS.request, async (path) => {
        await writeFileAtomic(path, csr, { overwrite: true });
        // A re-issue's note for the CA admin goes beside it (the dialog asked about the .req; the note is its companion).
        const noteFile = await saveReissueNote(note, path, true);
        return [path, ...(noteFile ? [noteFile] : [])];
      });
    },
    [CHANNELS.makeRequestFolder]: async () => {
      const parent = await dialogs.openFolder({ title: "Save the requests: choose where (a new folder is made inside)" });
      if (!parent) return null;
      const folder = await newRoundFolder(parent, "requests", now());
      requestFolders.add(folder);
      written.add(folder);
      return { folder };
    },
    [CHANNELS.listRequests]: async () => {
      const { requests } = await store.list();
      // A renewal or re-issue replaces the request it renews once the CA has issued it.
      const replacedBy = new Map(requests.filter(({ record: r }) => r.renews && r.status === "issued").map(({ record: r }) => [r.renews!, r.id]));
      return requests.map(({ record: r }): RequestRow => ({
        ...requestSummary(r),
        notBefore: r.certificate?.notBefore ?? null,
        notAfter: r.certificate?.notAfter ?? null,
        thumbprint: r.certificate?.thumbprint ?? null,
        errors: r.certificate ? (r.certificate.errors ?? null) : null,
        warnings: r.certificate?.warnings ?? null,
        findings: r.certificate?.findings ?? [],
        issuerMissing: r.certificate?.issuerMissing ?? null,
        replacedBy: replacedBy.get(r.id) ?? null,
        publicCa: needsPublicCa(r.plan),
      }));
    },
    [CHANNELS.verifyCertificate]: (input: VerifyInput) => {
      return tasks.run("verifyCertificate", { bytes: fromBase64(input.base64), fileName: basename(input.fileName), plan: optionalPlan(input), storeDir: store.dir, at: now() });
    },
    [CHANNELS.checkRequest]: (input: VerifyInput) => {
      return tasks.run("checkRequest", { bytes: fromBase64(input.base64), fileName: basename(input.fileName), plan: optionalPlan(input) });
    },
    [CHANNELS.importCertificate]: (input: CertificateFileInput) =>
      tasks.run("importCertificate", { bytes: fromBase64(input.base64), fileName: basename(input.fileName), storeDir: store.dir, at: now() }),
    [CHANNELS.exportPfx]: async (input: ExportPfxInput) => {
      const { record } = await store.get(input.id);
      if (record.certificate?.errors && !input.exportAnyway)
        throw new InputError(`request ${input.id}: its certificate needs re-issue (${record.certificate.errors} error(s)); export it only knowingly ("Export anyway")`, {
          field: "exportAnyway",
        });
      if (record.certificate?.issuerMissing && !input.exportAnyway)
        throw new InputError(
          `request ${input.id}: the issuing CA's certificate (${shownName(record.certificate.issuerMissing)}) is missing, so the PFX would hold the certificate alone and the server could not build its chain: import the CA's certificate in Import and verify, or choose "Export anyway"`,
          { field: "exportAnyway", rule: "X509-CHAIN" },
        );
      return withKeystore(
        input,
        (passphrase) =>
          saveAs("Save the PFX", `${input.id}.pfx`, FILTERS.pfx, async (out) => {
            const ps1 = input.withScript ? join(dirname(out), `${basename(out).replace(/\.[^.]+$/, "")}.ps1`) : undefined;
            const r = await exportPfx({
              store,
              id: input.id,
              keystorePassphrase: passphrase,
              password: input.password,
              includeRoot: input.includeRoot,
              friendlyName: undefined,
              force: true,
              forceScript: false,
              ps1,
              out,
              profile: input.profile,
            });
            return [r.out, ...(r.chain ? [r.chain] : []), ...(r.ps1 ? [r.ps1] : [])];
          }),
        (saved) => saved.paths !== null,
      );
    },
    [CHANNELS.exportPem]: (input: ExportPemInput) =>
      saveAs("Save the PEM bundle", `${input.id}.pem`, FILTERS.pem, async (out) => {
        const r = await exportPem({
          store,
          id: input.id,
          keystorePassphrase: "",
          password: undefined,
          includeRoot: input.includeRoot,
          friendlyName: undefined,
          force: true,
          ps1: undefined,
          out,
          key: "none",
        });
        return [r.out];
      }),
    [CHANNELS.saveInf]: async (input: InfInput) => {
      // From the selected request's stored plan and choices, or from what the wizard holds now.
      const content =
        "id" in input
          ? await store.get(input.id).then(({ record: r }) => ({ plan: withKeyOnServer(r.plan), subject: r.subject, key: r.key, hash: r.hash, template: r.template }))
          : {
              plan: planCertificate(parseSite(input.site, "site"), { ...input.planRequest, keyLocation: "server" }),
              subject: input.subject,
              key: input.key,
              hash: input.hash,
              template: input.template,
            };
      const { plan } = content;
      const inf = certreqInf({
        plan,
        subject: content.subject,
        profile: signingProfile(content.key, content.hash),
        template: content.template,
        friendlyName: requestFriendlyName(plan, now()),
      });
      return saveAs("Save the certreq INF", `${plan.role}-${(plan.server ?? plan.cn).split(".")[0]}.inf`, FILTERS.inf, async (path) => {
        await writeFileAtomic(path, infFileBytes(inf), { overwrite: true });
        return [path];
      });
    },
    [CHANNELS.importTopology]: async () => {
      const path = await dialogs.openFile({ title: "Import a Lync topology", filters: [...FILTERS.topology] });
      if (!path) return null;
      const bytes = await readInputFile(path, { field: path, kind: "a topology document", maxBytes: MAX_TOPOLOGY_BYTES });
      return { path, ...(await tasks.run("importTopology", { bytes: new Uint8Array(bytes), path, fileName: basename(path) })) };
    },
    [CHANNELS.saveCsv]: ({ text }: { text: string }) =>
      saveAs("Save the certificate list", "lynccert-topology.csv", FILTERS.csv, async (path) => {
        await writeFileAtomic(path, text, { overwrite: true });
        return [path];
      }),
    [CHANNELS.probeEndpoint]: async (input: ProbeInput) => {
      const { host, port } = parseTarget(input.target);
      return tasks.run("probeEndpoint", { host, port, sni: input.sni ?? undefined, plan: optionalPlan(input), at: now() });
    },
    [CHANNELS.importAnswers]: async (input: AnswersInput) => {
      let sources: { file: string; bytes?: Uint8Array }[];
      let skipped: AnswerFiles["skipped"] = [];
      if ("dropped" in input) sources = input.dropped.map((f) => ({ file: basename(f.fileName), bytes: fromBase64(f.base64) }));
      else if (input.pick === "files") sources = (await dialogs.openFiles({ title: "Import the CA's answers", filters: [...FILTERS.answers] })).map((file) => ({ file }));
      else {
        const folder = await dialogs.openFolder({ title: "Import the CA's answers: choose their folder" });
        const found = folder ? await answerFiles([folder]) : { files: [], skipped: [] };
        sources = found.files.map((file) => ({ file }));
        skipped = found.skipped;
      }
      if (sources.length === 0) return null;
      return tasks.run("importAnswers", { sources, skipped, storeDir: store.dir, at: now() });
    },
    [CHANNELS.planKits]: async ({ site, allowEcdsa }: { site: unknown; allowEcdsa?: boolean }) => kitPlans(parseSite(site, "site"), store, now(), { allowEcdsa }),
    [CHANNELS.buildKits]: async (input: BuildKitsInput) => {
      const site = parseSite(input.site, "site");
      const parent = await dialogs.openFolder({ title: "Build deployment kits: choose where (a new folder is made inside)" });
      if (!parent) return null;
      const outDir = await newRoundFolder(parent, "kits", now());
      const result = await withKeystore(input, (passphrase) =>
        buildKits({ site, store, outDir, keystorePassphrase: passphrase, password: input.password, profile: input.profile, at: now(), allowEcdsa: input.allowEcdsa }),
      ).catch(async (e) => {
        // The build left nothing in it; the folder made for it goes too.
        await fs.rmdir(outDir).catch(() => undefined);
        throw e;
      });
      written.add(outDir);
      return { outDir, files: result.files, summaryFile: result.summaryFile, kits: result.kits, damaged: result.damaged, rememberNote: result.rememberNote };
    },
    [CHANNELS.planRenewal]: ({ id, site }: { id: string; site: unknown }) => planRenewal(store, id, parseSite(site, "site")),
    [CHANNELS.renewRequest]: async (input: RenewRequestInput) => {
      const out = requestFile(input.saveIn);
      const r = await withKeystore(input, (passphrase) =>
        renewRequest({ store, id: input.id, site: parseSite(input.site, "site"), passphrase, key: undefined, out, crlf: true, force: false }),
      );
      return { id: r.id, csrPem: r.csrPem, renews: r.renews, plan: r.plan, changes: r.changes, note: r.note, ...savedRequest(r.out, r.noteFile), rememberNote: r.rememberNote };
    },
    [CHANNELS.passphraseMemory]: () => memory.state(),
    [CHANNELS.forgetPassphrase]: () => memory.forget(),
    [CHANNELS.showWritten]: async ({ path }: { path: string }) => {
      if (!written.has(path)) throw new InputError("only a file or folder written in this session can be shown", { field: "path" });
      await dialogs.showItemInFolder(path);
    },
    [CHANNELS.showInFolder]: async ({ id }: { id: string }) => {
      const { dir } = await store.get(id);
      await dialogs.showItemInFolder(join(dir, STORE_FILES.csr));
    },
    [CHANNELS.openDocumentation]: async ({ url }: { url: string }) => {
      if (!isAllowedExternalUrl(url)) throw new InputError(`${url} is not an allowed documentation link`, { field: "url" });
      await dialogs.openExternal(url);
    },
    ...createAcmeHandlers({ store, dialogs, now, withKeystore, acmeCa }),
  };
}
