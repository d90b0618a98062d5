import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBindForExample, startPebble, startPebbleWithDns, type Bind, type ChallTestSrv, type Pebble } from "../helpers/acme-servers";
import { cli, exampleRequest } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-acme-"));
const storeDir = join(dir, "store");
const PASSPHRASE = "e2e-acme-passphrase";
let app: App;
let challtestsrv: ChallTestSrv;
let pebble: Pebble;
let stop: (() => void) | undefined;
let edgeId: string;

// The admin's public certificate from the app: Let's Encrypt's test CA (Debian's pebble) and its DNS server,
// the TXT records created "at the DNS provider" (pebble-challtestsrv's API) when the app shows them.
describe("Get it from a public CA: the Edge external certificate over ACME from Requests", () => {
  beforeAll(async () => {
    mkdirSync(join(dir, "out"), { recursive: true });
    ({ pebble, challtestsrv, stop } = await startPebbleWithDns(dir));
    edgeId = (await exampleRequest({ store: storeDir, dir, role: "edge-external", passphrase: PASSPHRASE })).id;
    // Pebble's TLS root is trusted as a private ACME server's would be (LYNCCERT_ACME_CA_FILE in the app).
    app = await launchApp(storeDir, join(dir, "out"), undefined, { acmeCa: readFileSync(pebble.tlsRoot, "utf8") });
    await app.openSite(EXAMPLE_SITE_PATH);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    stop?.();
  });

  it("shows the CA's terms to agree to, makes the account, and shows the TXT records to create", async () => {
    const { page } = app;
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Requests" }).click();
    await page.getByRole("row").filter({ hasText: edgeId }).getByRole("button", { name: "Get it from a public CA…" }).click();
    const panel = page.getByRole("region", { name: /^Get it from a public CA: lsedge\.contoso\.net — Edge Server, external interface/ });
    await panel.getByLabel("ACME directory of the public CA").fill(pebble.directory);
    await panel.getByRole("button", { name: "Read what the CA asks" }).click();
    const terms = panel.getByRole("checkbox", { name: /I agree to the CA's terms of service: data:/ });
    await terms.waitFor();
    await panel.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    const order = panel.getByRole("button", { name: "Order the certificate…" });
    expect(await order.isDisabled()).toBe(true);
    expect(await panel.locator("#acme-blocked").textContent()).toBe("Agree to the CA's terms of service first.");
    await terms.check();
    await panel.getByLabel("Contact e-mail for the CA (optional)").fill("pki@contoso.com");
    await panel.getByLabel(/^DNS server to check before the CA looks/).fill(challtestsrv.dns);
    await order.click();
    const records = panel.getByRole("table", { name: "TXT records for the CA" });
    await records.waitFor({ timeout: 30_000 });
    expect(await records.getByRole("row").count()).toBeGreaterThan(3);
    expect(await records.getByRole("cell", { name: "_acme-challenge.sip.contoso.com", exact: true }).count()).toBe(1);
    await app.screenshot("acme-1-records-to-create");
    // The panel keeps the app's accessibility: axe-core finds nothing serious or critical in it.
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).include("section[aria-labelledby=acme-title]").analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }, 60_000);

  it("once the records are there, the CA validates each name and the certificate is imported: no CDP from pebble is COMMON-CDP", async () => {
    const { page } = app;
    const panel = page.getByRole("region", { name: /^Get it from a public CA: / });
    // The admin creates the records at the DNS provider.
    for (const row of await panel.getByRole("table", { name: "TXT records for the CA" }).locator("tbody tr").all()) {
      const [name, , value] = await row.locator("td").allTextContents();
      const r = await fetch(`${challtestsrv.management}/set-txt`, { method: "POST", body: JSON.stringify({ host: `${name}.`, value }) });
      expect(r.ok).toBe(true);
    }
    await panel.getByRole("button", { name: "Check DNS and get the certificate" }).click();
    const verdict = panel.getByRole("status", { name: "ACME verdict" });
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/^\s*Issued by the CA and imported: needs re-issue: 1 error\.\s*$/);
    expect(await panel.getByRole("list", { name: "Findings" }).getByText("COMMON-CDP").count()).toBe(1);
    await app.screenshot("acme-2-issued-and-checked");
    await expect.poll(() => page.getByRole("row").filter({ hasText: edgeId }).getByRole("cell").nth(3).textContent()).toBe("needs re-issue: 1 error");
  }, 90_000);
});

// The renewal round from Whole topology: every public certificate of the site, by RFC 2136 to BIND 9.
describe("Whole topology renews the public certificates over ACME in one round", () => {
  const work = mkdtempSync(join(tmpdir(), "lynccert-e2e-acme-round-"));
  const store = join(work, "store");
  let roundApp: App;
  let bind: Bind;
  let roundPebble: Pebble;

  beforeAll(async () => {
    mkdirSync(join(work, "out"), { recursive: true });
    bind = await startBindForExample(join(work, "bind"));
    roundPebble = await startPebble(join(work, "pebble"), bind.dns);
    // The admin's keystore and account, made earlier.
    await exampleRequest({ store, dir: work, role: "edge-internal", passphrase: PASSPHRASE });
    const account = await cli(["acme", "account", "--directory", roundPebble.directory, "--ca-file", roundPebble.tlsRoot, "--agree-tos", "--store", store], {
      LYNCCERT_PASSPHRASE: PASSPHRASE,
    });
    expect(account.code, account.err).toBe(0);
    roundApp = await launchApp(store, join(work, "out"), undefined, { acmeCa: readFileSync(roundPebble.tlsRoot, "utf8") });
    await roundApp.openSite(EXAMPLE_SITE_PATH);
  }, 60_000);
  afterAll(async () => {
    await roundApp?.close();
    roundPebble?.stop();
    bind?.stop();
  });

  it("requests, orders and imports the Edge external and reverse-proxy certificates, the TSIG key chosen in main's dialog", async () => {
    const { page } = roundApp;
    await page.getByRole("button", { name: "Whole topology" }).click();
    const panel = page.getByRole("region", { name: "Public certificates over ACME" });
    await panel.getByLabel("ACME directory of the public CA").fill(roundPebble.directory);
    await panel.getByLabel("DNS server that takes the updates (HOST or HOST:PORT)").fill(bind.dns);
    await panel.getByLabel(/^DNS server to check before the CA looks/).fill(bind.dns);
    await panel.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    roundApp.dialogs.toOpen.push(bind.keyFiles["lynccert-acme"]!);
    await panel.getByRole("button", { name: "Renew what is due over ACME…" }).click();
    const renewed = panel.getByRole("list", { name: "Public certificates renewed" });
    await renewed.waitFor({ timeout: 90_000 });
    expect(await renewed.locator("li").allTextContents()).toEqual([
      expect.stringMatching(/^\s*lsedge\.contoso\.net \(Edge Server, external interface\): edge-external-lsedge-\S+, needs re-issue: 1 error — no certificate yet\s*$/),
      expect.stringMatching(/^\s*Reverse proxy listener: reverse-proxy-webext-\S+, needs re-issue: 1 error — no certificate yet\s*$/),
    ]);
    await roundApp.screenshot("acme-3-public-round");
    // The table reads the keystore again: both public certificates are issued (and need re-issue: pebble writes no CDP).
    const table = page.getByRole("table", { name: "Certificates of the topology" });
    await expect.poll(() => table.getByRole("row").filter({ hasText: "Reverse proxy" }).getByRole("cell").nth(3).textContent()).toMatch(/^needs re-issue: 1 error/);
  }, 120_000);
});
