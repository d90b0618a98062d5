import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerEveryRequest, FIRST_FRONT_END_KIT, NORTHWIND_TBXML, type CaAnswers } from "../helpers/ca-answers";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-kits-"));
const storeDir = join(dir, "store");
const outDir = join(dir, "out");
const siteFile = join(dir, "northwind.site.json");
const PASSPHRASE = "e2e-kits-passphrase";
const PFX_PASSWORD = "e2e-Kit-Pässword";
let app: App;
let answers: CaAnswers;

// The admin's path through Whole topology: the requests of a 12-server topology were made (request --all),
// the CA answered in one folder of mixed formats, one of them faulty; the app imports them and builds the kits.
describe("Whole topology in Chromium: import the CA's answers, then build the deployment kits", () => {
  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    expect((await cli(["topology", "import", fileURLToPath(NORTHWIND_TBXML), "--out", siteFile])).code).toBe(0);
    const made = await cli(["request", "--all", "--site", siteFile, "--store", storeDir, "--subject", "O=Northwind"], { LYNCCERT_PASSPHRASE: PASSPHRASE });
    expect(made.code, `${made.out}\n${made.err}`).toBe(0);
    answers = answerEveryRequest(storeDir, dir, { faulty: (r) => r.plan.server === "dir02.northwind.net" });
    app = await launchApp(storeDir, outDir);
    const { page } = app;
    app.dialogs.toOpen.push(siteFile);
    await page.getByRole("button", { name: "Open site file…" }).click();
    await page.getByText(`Opened ${siteFile}`).waitFor();
    await page.getByRole("button", { name: "Whole topology" }).click();
  }, 120_000);
  afterAll(async () => app?.close());

  it("imports a folder of answers into one table: each certificate with its server, request and verdict", async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole("status", { name: "Kit summary" }).textContent()).toContain("0 of 13 server kits complete; 0 of 16 certificates ready.");
    app.dialogs.foldersToOpen.push(answers.dir);
    await page.getByRole("button", { name: "Import a folder of answers…" }).click();
    const table = page.getByRole("table", { name: "Imported certificates" });
    await table.waitFor();
    expect(
      await page
        .getByRole("status")
        .filter({ hasText: /certificates from/ })
        .textContent(),
    ).toMatch(/14 certificates from 14 files: 12 valid, 1 with warnings, 1 need re-issue, 0 match no request\./);
    const dir02 = table.getByRole("row").filter({ hasText: "dir02.northwind.net" });
    expect(await dir02.getByRole("cell").nth(3).textContent()).toBe("needs re-issue");
    expect(await dir02.getByRole("cell").nth(4).textContent()).toMatch(/DIR-/);
    expect(await page.getByText("ca-chain.p7b: CA certificates only (2): kept to complete chains").count()).toBe(1);
    await expect.poll(() => page.getByRole("status", { name: "Kit summary" }).textContent()).toContain("12 of 13 server kits complete; 15 of 16 certificates ready.");
    await app.screenshot("kits-1-import-table");
  });

  it("builds a kit per server into a new folder, says why the Build button waits, and shows the summary", async () => {
    const { page } = app;
    const build = page.getByRole("button", { name: "Build deployment kits…" });
    expect(await build.isDisabled()).toBe(true);
    expect(await page.locator("#kit-blocked").textContent()).toBe("Enter the keystore passphrase (it opens the keys).");
    const kits = page.getByRole("region", { name: "Deployment kits" });
    await kits.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    await page.getByLabel(/^PFX password for every kit/).fill(PFX_PASSWORD);
    await page.getByLabel("PFX password again").fill(PFX_PASSWORD + "x");
    expect(await page.locator("#kit-blocked").textContent()).toBe("The two PFX passwords differ.");
    await page.getByLabel("PFX password again").fill(PFX_PASSWORD);
    app.dialogs.foldersToOpen.push(outDir);
    await build.click();
    await page.getByText(/^Kits written to /).waitFor({ timeout: 60_000 });
    const [kitDir] = readdirSync(outDir);
    expect(kitDir).toMatch(/^LyncCert kits \d{8}-\d{6}$/);
    expect(await page.getByRole("status", { name: "Kit summary" }).textContent()).toContain("12 of 13 server kits complete; 15 of 16 certificates ready.");
    const row = page.getByRole("table", { name: "Kit summary by server" }).getByRole("row").filter({ hasText: "dir02.northwind.net" });
    expect(await row.getByRole("cell").nth(3).textContent()).toBe("needs re-issue");
    await app.screenshot("kits-2-summary");

    const fe01 = join(outDir, kitDir!, "fe01.northwind.net");
    expect(readdirSync(fe01).sort()).toEqual(FIRST_FRONT_END_KIT);
    const pem = openssl(["pkcs12", "-in", join(fe01, "front-end.pfx"), "-nodes", "-passin", `pass:${PFX_PASSWORD}`, "-clcerts"]);
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(pem)![0];
    const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/.exec(pem)![0];
    expect(openssl(["pkey", "-pubout"], key)).toBe(openssl(["x509", "-noout", "-pubkey"], cert));
    expect(readFileSync(join(outDir, kitDir!, "edge01.northwind.net", "edge-external.pfx"))).toEqual(
      readFileSync(join(outDir, kitDir!, "edge02.northwind.net", "edge-external.pfx")),
    );
    // The passwords are dropped after the build.
    expect(await kits.getByLabel("Keystore passphrase").inputValue()).toBe("");

    await page.getByRole("button", { name: "Show in folder" }).click();
    await expect.poll(() => app.dialogs.shown).toEqual([join(outDir, kitDir!)]);
  });

  it("a re-issued certificate dropped on the window completes the last kit", async () => {
    const { page } = app;
    const record = answers.records.find((r) => r.plan.server === "dir02.northwind.net")!;
    const fixed = answers.ca.issue(join(storeDir, "requests", record.id, "request.req"), join(dir, "dir02-fixed.pem"), {
      san: record.plan.san.map((s) => s.name),
      eku: record.plan.eku.join(","),
    });
    const files = [
      { name: "dir02-fixed.pem", base64: readFileSync(fixed).toString("base64") },
      { name: "intermediate.cer", base64: Buffer.from(openssl(["x509", "-in", answers.ca.intermediate, "-outform", "PEM"])).toString("base64") },
    ];
    const transfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      return dt;
    }, files);
    await page.dispatchEvent('[aria-label="Drop the CA\'s certificate files here"]', "drop", { dataTransfer: transfer });
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /certificates? from/ })
          .textContent(),
      )
      .toMatch(/^1 certificate from 2 files: 1 valid/);
    await expect.poll(() => page.getByRole("status", { name: "Kit summary" }).textContent()).toContain("13 of 13 server kits complete; 16 of 16 certificates ready.");
    await app.screenshot("kits-3-complete");
  });
});
