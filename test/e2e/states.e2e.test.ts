import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, exampleRequest } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-states-"));
const storeDir = join(dir, "store");
const outDir = join(dir, "out");
const PASSPHRASE = "e2e-states-passphrase";
const PFX_PASSWORD = "e2e-States-Pässword";
let app: App;
let fe01Id: string;
let edgeId: string;
let medId: string;

const request = (role: string, server?: string) => exampleRequest({ store: storeDir, dir, role, server, passphrase: PASSPHRASE });

// The states an admin acts on, walked as the admin would: a faulty answer from the CA, then the Export page.
describe("states that tell the truth, and what to do next", () => {
  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    const fe01 = await request("front-end", "fe01.contoso.net");
    fe01Id = fe01.id;
    edgeId = (await request("edge-internal")).id;
    const ca = TestCa.create(join(dir, "ca"));
    // The CA dropped the server's own name (FE-DEFAULT-SAN-SERVER) from the SAN.
    const names = fe01.plan.san.map((n) => n.name).filter((n) => n !== "fe01.contoso.net");
    const leaf = ca.issue(join(storeDir, "requests", fe01.id, "request.req"), join(dir, "fe01-faulty.pem"), { san: names });
    openssl(["crl2pkcs7", "-nocrl", "-certfile", leaf, "-certfile", ca.intermediate, "-outform", "DER", "-out", join(dir, "fe01-faulty.p7b")]);
    // A Mediation Server certificate that expires in ten days: time to renew.
    const med = await request("mediation", "medsvr01.contoso.net");
    medId = med.id;
    const expiring = ca.issue(join(storeDir, "requests", med.id, "request.req"), join(dir, "med.pem"), { san: med.plan.san.map((n) => n.name), days: 90, startDaysAgo: 80 });
    expect((await cli(["import", expiring, ca.intermediate, "--store", storeDir])).code).toBe(0);
    app = await launchApp(storeDir, outDir);
    // The admin's site: the one the requests were planned from.
    await app.openSite(EXAMPLE_SITE_PATH);
  }, 120_000);
  afterAll(async () => app?.close());

  it("a faulty certificate is “needs re-issue” on import, in Requests and in Whole topology — never “Issued” or green", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Import and verify" }).click();
    await page.getByLabel("Choose a certificate file").setInputFiles(join(dir, "fe01-faulty.p7b"));
    const verdict = page.getByRole("status", { name: "Verdict" });
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/^fe01-faulty\.p7b: needs re-issue: 1 error\. /);
    expect(await verdict.getAttribute("class")).toBe("problems");
    expect(await page.getByRole("button", { name: "Export for the server…" }).count()).toBe(0);
    await app.screenshot("states-1-import-needs-reissue");

    await page.getByRole("button", { name: "Requests" }).click();
    const row = page.getByRole("row").filter({ hasText: fe01Id });
    await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toBe("needs re-issue: 1 error");
    expect(await page.getByRole("row").filter({ hasText: edgeId }).getByRole("cell").nth(3).textContent()).toBe("waiting for the CA");
    await app.screenshot("states-2-requests");

    await page.getByRole("button", { name: "Whole topology" }).click();
    const certificates = page.getByRole("table", { name: "Certificates of the topology" });
    await certificates.waitFor();
    // The table fills in the states once the keystore is read.
    await expect
      .poll(() => certificates.getByRole("row").filter({ hasText: "fe01.contoso.net" }).getByRole("cell").nth(3).textContent())
      .toBe("needs re-issue: 1 errorto re-issue below");
  });

  it("Export names the errors and exports a faulty certificate only after “Export anyway”; the outcome and next steps sit beside the button", async () => {
    const { page } = app;
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Export", exact: true }).click();
    await page.getByLabel("Certificate", { exact: true }).selectOption(fe01Id);
    const why = page.getByRole("alert", { name: "Why it needs re-issue" });
    await why.waitFor();
    // The reason first, its rule id beside it.
    expect(await why.textContent()).toMatch(/fe01\.contoso\.net.* FE-DEFAULT-SAN-SERVER/);
    await page.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    // Remembered in main for the session, once the export has opened the key with it.
    await page.getByLabel("Remember it").selectOption("session");
    await page.getByLabel(/^PFX password \(at least/).fill(PFX_PASSWORD);
    await page.getByLabel("PFX password again").fill(PFX_PASSWORD);
    const button = page.getByRole("button", { name: "Export PFX…" });
    expect(await button.isDisabled()).toBe(true);
    expect(await page.locator("#pfx-blocked").textContent()).toMatch(/needs re-issue: read its errors above, then tick “Export anyway”/);
    await page.getByLabel("Export anyway: I know it fails the rules above").check();
    await button.click();
    const done = page.getByRole("status").filter({ hasText: /^Written: / });
    await done.waitFor();
    expect(await done.textContent()).toContain("Run the script in an elevated Lync Server Management Shell");
    expect(readdirSync(outDir).sort()).toEqual([`${fe01Id}.chain.p7b`, `${fe01Id}.pfx`, `${fe01Id}.ps1`]);
    await page.getByRole("button", { name: "Show in folder" }).click();
    await expect.poll(() => app.dialogs.shown).toEqual([join(outDir, `${fe01Id}.pfx`)]);
    await app.screenshot("states-3-export-anyway");
  });

  it("Save certreq INF… builds the INF of the selected request from its stored plan, whatever the wizard holds", async () => {
    const { page } = app;
    await page.getByLabel("Certificate", { exact: true }).selectOption(edgeId);
    expect(await page.locator("#pfx-blocked").textContent()).toBe("Waiting for the CA: import its answer first (Import and verify).");
    await page.getByRole("button", { name: "Save certreq INF…" }).click();
    await page.getByText(/^Written: .*edge-internal-lsedge\.inf\. On the server: certreq -new edge-internal-lsedge\.inf request\.req$/).waitFor();
    const inf = Buffer.from(readFileSync(join(outDir, "edge-internal-lsedge.inf")).subarray(2)).toString("utf16le");
    expect(inf).toContain('Subject = "CN=lsedge.contoso.net"');
    // Generated on the server, an Edge internal key is exportable only for a pool of several (EDGE-INT-EXPORTABLE).
    expect(inf).toMatch(/; EDGE-INT-EXPORTABLE\r\nExportable = TRUE\r\n/);
  });

  it("an expiring certificate is renewed from Requests: a new key and request from the same plan, with what changed", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Requests" }).click();
    const row = page.getByRole("row").filter({ hasText: medId });
    expect(await row.getByRole("cell").nth(3).textContent()).toMatch(/^expiring: (9|10) days left$/);
    await row.getByRole("button", { name: "Renew…" }).click();
    const changes = page.getByRole("list", { name: "What the renewal changes" });
    await changes.waitFor();
    expect(await changes.locator("li").allTextContents()).toEqual(["Subject: unchanged.", "Names: the same as the old certificate's."]);
    // The passphrase the export opened the keystore with is remembered until LyncCert closes: not asked again.
    await page.getByText(/^Using the keystore passphrase remembered until LyncCert closes/).waitFor();
    expect(await page.getByLabel("Keystore passphrase").count()).toBe(0);
    await page.getByRole("button", { name: "Make the renewal request" }).click();
    await page.getByText(/^Renewal request mediation-medsvr01-\S+ is ready\.$/).waitFor({ timeout: 30_000 });
    // The list reloads after the message: wait for the new row before counting.
    const mediationRows = page.getByRole("row").filter({ hasText: "mediation-medsvr01" });
    await mediationRows.nth(1).waitFor();
    expect(await mediationRows.count()).toBe(2);
    await app.screenshot("states-4-renewal");
  });
});
