import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerEveryRequest, storedRecords, type CaAnswers } from "../helpers/ca-answers";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { launchApp, type App } from "./harness";

const PASSPHRASE = "e2e-round-passphrase";
const PFX_PASSWORD = "e2e-Round-Pässword";

/** A fresh work folder: the keystore, where the dialogs save, and where the admin keeps the CA's answers. */
function workFolder(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `lynccert-e2e-${name}-`));
  const folders = { dir, store: join(dir, "store"), out: join(dir, "out"), requests: join(dir, "requests"), kits: join(dir, "kits") };
  for (const f of [folders.out, folders.requests, folders.kits]) mkdirSync(f, { recursive: true });
  return folders;
}

// The round an admin does for a whole topology, in the app alone: every request at once, the CA's answers
// as one folder, the kits. Each click, fill and dialog choice is counted (the target is 25).
describe("Whole topology runs the round: from the example site to every kit", () => {
  const work = workFolder("round");
  let app: App;
  let actions = 0;
  /** One thing the admin does: a click, a field filled, a folder chosen in a dialog. */
  const act = async (what: () => Promise<unknown>) => {
    actions++;
    await what();
  };
  /** Choosing a folder in the OS dialog is an action too. */
  const chooseFolder = (path: string) => {
    actions++;
    app.dialogs.foldersToOpen.push(path);
  };

  beforeAll(async () => {
    app = await launchApp(work.store, work.out);
  }, 60_000);
  afterAll(async () => app?.close());

  it("makes every missing request at once: one passphrase, one new folder, a .req per certificate named by server and usage", async () => {
    const { page } = app;
    await act(() => page.getByRole("button", { name: "Use the example site" }).click());
    await act(() => page.getByRole("button", { name: "Whole topology" }).click());
    const round = page.getByRole("region", { name: "Requests for the CA" });
    await round.getByText(/Every certificate above without a current request: 6 new requests\./).waitFor();
    await act(() => round.getByLabel("Keystore passphrase (at least 8 characters)").fill(PASSPHRASE));
    await act(() => round.getByLabel("Passphrase again").fill(PASSPHRASE));
    chooseFolder(work.requests);
    await act(() => round.getByRole("button", { name: "Make the requests…" }).click());
    await round.getByText(/^Requests saved in /).waitFor({ timeout: 60_000 });
    const made = round.getByRole("list", { name: "Requests made" }).locator("li");
    expect(await made.count()).toBe(6);
    expect(await made.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fe01\.contoso\.net — Front End Server .* \(new request\): saved as front-end-fe01\.contoso\.net\.req$/)]),
    );
    await app.screenshot("round-1-requests-made");

    const [folder] = readdirSync(work.requests);
    expect(folder).toMatch(/^LyncCert requests \d{8}-\d{6}$/);
    const files = readdirSync(join(work.requests, folder!)).sort();
    expect(files).toEqual([
      "edge-external-lsedge.contoso.net.req",
      "edge-internal-lsedge.contoso.net.req",
      "front-end-fe01.contoso.net.req",
      "front-end-fe02.contoso.net.req",
      "oauth-token-issuer-contoso.com.req",
      "reverse-proxy-webext.contoso.com.req",
    ]);
    // Each is a request openssl verifies, and each has its key in the keystore.
    for (const f of files) expect(openssl(["req", "-in", join(work.requests, folder!, f), "-verify", "-noout"])).toContain("self-signature verify OK");
    expect(storedRecords(work.store)).toHaveLength(6);
    // The table reads the keystore again: nothing is left to request.
    const table = page.getByRole("table", { name: "Certificates of the topology" });
    await expect.poll(() => table.getByRole("cell", { name: "waiting for the CA", exact: true }).count()).toBe(6);
    expect(await round.getByRole("button", { name: "Make the requests…" }).isDisabled()).toBe(true);
  });

  it("imports the CA's answers as one folder and builds every kit, in at most 25 actions in all", async () => {
    const { page } = app;
    const answers: CaAnswers = answerEveryRequest(work.store, work.dir);
    chooseFolder(answers.dir);
    await act(() => page.getByRole("button", { name: "Import a folder of answers…" }).click());
    await page.getByRole("table", { name: "Imported certificates" }).waitFor();
    expect(
      await page
        .getByRole("status")
        .filter({ hasText: /certificates from/ })
        .textContent(),
    ).toMatch(/^6 certificates from \d+ files: \d valid, \d with warnings, 0 need re-issue, 0 match no request\.$/);
    await app.screenshot("round-2-answers-imported");

    const kits = page.getByRole("region", { name: "Deployment kits" });
    await expect.poll(() => kits.getByRole("status", { name: "Kit summary" }).textContent()).toContain("4 of 4 server kits complete");
    await act(() => kits.getByLabel("Keystore passphrase").fill(PASSPHRASE));
    await act(() => kits.getByLabel(/^PFX password for every kit/).fill(PFX_PASSWORD));
    await act(() => kits.getByLabel("PFX password again").fill(PFX_PASSWORD));
    chooseFolder(work.kits);
    await act(() => kits.getByRole("button", { name: "Build deployment kits…" }).click());
    await kits.getByText(/^Kits written to /).waitFor({ timeout: 60_000 });
    const [kitDir] = readdirSync(work.kits);
    expect(readdirSync(join(work.kits, kitDir!)).sort()).toEqual(["edge01.contoso.net", "fe01.contoso.net", "fe02.contoso.net", "kit-summary.csv", "reverse-proxy"]);
    await app.screenshot("round-3-kits-built");
    expect(actions).toBeLessThanOrEqual(25);
  });
});

// The renewal round: a certificate the CA issued without a name is re-issued with a note of what it lacked,
// one running out is renewed, and once the CA answers, each old certificate says what replaced it.
describe("re-issue and renewal from Whole topology mark the old certificate replaced", () => {
  const work = workFolder("renewal-round");
  let app: App;
  let first: CaAnswers;
  let fe01Old: string;
  let edgeOld: string;

  beforeAll(async () => {
    const made = await cli(["request", "--all", "--site", EXAMPLE_SITE_PATH, "--store", work.store, "--subject", "O=Contoso"], { LYNCCERT_PASSPHRASE: PASSPHRASE });
    expect(made.code, made.err).toBe(0);
    first = answerEveryRequest(work.store, work.dir, {
      faulty: (r) => r.plan.server === "fe01.contoso.net",
      // Issued 25 days ago for 30: in the last third of its life.
      validity: (r) => (r.plan.role === "edge-internal" ? { days: 30, startDaysAgo: 25 } : undefined),
    });
    expect((await cli(["import", first.dir, "--store", work.store])).code).toBe(1);
    fe01Old = first.records.find((r) => r.plan.server === "fe01.contoso.net")!.id;
    edgeOld = first.records.find((r) => r.plan.role === "edge-internal")!.id;
    app = await launchApp(work.store, work.out);
    await app.openSite(EXAMPLE_SITE_PATH);
  }, 120_000);
  afterAll(async () => app?.close());

  it("offers one round for what is due: the faulty certificate re-issued with a note for the CA admin, the expiring one renewed", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Whole topology" }).click();
    const table = page.getByRole("table", { name: "Certificates of the topology" });
    const fe01 = table.getByRole("row").filter({ hasText: "fe01.contoso.net" });
    await expect.poll(() => fe01.getByRole("cell").nth(3).textContent()).toBe("needs re-issue: 1 errorto re-issue below");
    expect(await table.getByRole("row").filter({ hasText: "Edge internal" }).getByRole("cell").nth(3).textContent()).toMatch(/^expiring: \d days? leftto renew below$/);
    const round = page.getByRole("region", { name: "Requests for the CA" });
    await round.getByText(/without a current request: 1 re-issue, 1 renewal\./).waitFor();
    await round.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    app.dialogs.foldersToOpen.push(work.requests);
    await round.getByRole("button", { name: "Make the requests…" }).click();
    await round.getByText(/^Requests saved in /).waitFor({ timeout: 60_000 });
    expect(await round.getByRole("list", { name: "Requests made" }).locator("li").allTextContents()).toEqual([
      expect.stringMatching(/^fe01\.contoso\.net — .* \(re-issue\): saved as front-end-fe01\.contoso\.net\.req, with front-end-fe01\.contoso\.net\.note\.txt for the CA admin$/),
      expect.stringMatching(/^lsedge\.contoso\.net — Edge Server, internal interface .* \(renewal\): saved as edge-internal-lsedge\.contoso\.net\.req$/),
    ]);
    await app.screenshot("round-4-reissue-and-renewal");
    const [folder] = readdirSync(work.requests);
    const note = readFileSync(join(work.requests, folder!, "front-end-fe01.contoso.net.note.txt"), "utf8");
    // What the old certificate lacked, by rule id, and what the new request asks for; CRLF for Notepad.
    expect(note).toMatch(/^Re-issue for fe01\.contoso\.net \(front-end\): a new key and request replace certificate [0-9A-F]{40} \(request front-end-fe01-/);
    expect(note).toContain("\r\n- MOB-SAN-LYNCDISCOVER: SAN is missing lyncdiscover.fabrikam.com");
    expect(note).toContain("- Extended key usage: Server Authentication (1.3.6.1.5.5.7.3.1)\r\n");
    expect(note).toContain("- Names added (the site needs them now): lyncdiscover.fabrikam.com\r\n");
    expect(note.split("\r\n").length).toBeGreaterThan(5);
    expect(note.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("once the CA answers, the old certificates are “replaced by” the new ones and no longer offered for Renew or Export", async () => {
    const { page } = app;
    const second = answerEveryRequest(work.store, work.dir, { ca: first.ca, name: "answers-2" });
    expect(second.records).toHaveLength(2);
    app.dialogs.foldersToOpen.push(second.dir);
    await page.getByRole("button", { name: "Import a folder of answers…" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^2 certificates from/ })
      .waitFor();
    const table = page.getByRole("table", { name: "Certificates of the topology" });
    await expect.poll(() => table.getByRole("row").filter({ hasText: "fe01.contoso.net" }).getByRole("cell").nth(3).textContent()).toMatch(/^(valid|issued, with warnings: \d+)$/);
    expect(
      await page
        .getByRole("region", { name: "Requests for the CA" })
        .getByText(/without a current request: none\./)
        .count(),
    ).toBe(1);

    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Requests" }).click();
    const requests = page.getByRole("table", { name: "Requests in the keystore" });
    for (const [old, renewal] of [
      [fe01Old, second.records.find((r) => r.plan.server === "fe01.contoso.net")!.id],
      [edgeOld, second.records.find((r) => r.plan.role === "edge-internal")!.id],
    ]) {
      const row = requests.getByRole("row").filter({ hasText: old! }).filter({ hasNotText: "renews" });
      await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toBe(`replaced by ${renewal}`);
      expect(await row.getByRole("button").allTextContents()).toEqual(["Folder"]);
      expect(
        await requests
          .getByRole("row")
          .filter({ hasText: `${renewal} renews ${old}` })
          .count(),
      ).toBe(1);
    }
    await app.screenshot("round-5-replaced");
  });
});
