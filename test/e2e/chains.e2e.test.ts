import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRequest } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-chains-"));
const storeDir = join(dir, "store");
const outDir = join(dir, "out");
const PASSPHRASE = "e2e-chains-passphrase";
const ISSUER = "CN=Contoso Test Issuing CA, O=Contoso";
let app: App;
let ca: TestCa;
let medId: string;
let edgeId: string;

const request = (role: string, server?: string) => exampleRequest({ store: storeDir, dir, role, server, passphrase: PASSPHRASE });

/** What `certreq -submit` returns: the leaf alone, as a .cer. */
function leafOnly(role: string, id: string, names: string[]): string {
  const pem = ca.issue(join(storeDir, "requests", id, "request.req"), join(dir, `${role}.pem`), { san: names });
  openssl(["x509", "-in", pem, "-outform", "DER", "-out", join(dir, `${role}.cer`)]);
  return join(dir, `${role}.cer`);
}

// Leaf-only answers, the issuing CA's certificate on its own, and what Export does with an incomplete chain.
describe("chains an admin can trust", () => {
  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    ca = TestCa.create(join(dir, "ca"));
    const med = await request("mediation", "medsvr01.contoso.net");
    const edge = await request("edge-internal");
    medId = med.id;
    edgeId = edge.id;
    leafOnly(
      "mediation",
      med.id,
      med.plan.san.map((n) => n.name),
    );
    leafOnly(
      "edge-internal",
      edge.id,
      edge.plan.san.map((n) => n.name),
    );
    openssl(["x509", "-in", ca.intermediate, "-outform", "DER", "-out", join(dir, "issuing-ca.cer")]);
    app = await launchApp(storeDir, outDir);
    await app.openSite(EXAMPLE_SITE_PATH);
  }, 120_000);
  afterAll(async () => app?.close());

  it("a leaf-only answer from a CA never seen is “chain incomplete”, never “valid”, and says what to add", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Import and verify" }).click();
    await page.getByLabel("Choose a certificate file").setInputFiles(join(dir, "mediation.cer"));
    const verdict = page.getByRole("status", { name: "Verdict" });
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(`mediation.cer: chain incomplete: import the certificate of ${ISSUER} — read the findings below. Attached to request ${medId}.`);
    expect(await verdict.getAttribute("class")).toBe("notice");
    expect(await page.getByRole("list", { name: "Certificate chain, leaf to root" }).locator("li").allTextContents()).toEqual([
      "Certificate: CN=medsvr-pool.contoso.net",
      `Missing: ${ISSUER} — import its certificate (.cer or .p7b) here`,
    ]);
    await app.screenshot("chains-1-leaf-only-incomplete");

    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Requests" }).click();
    const row = page.getByRole("row").filter({ hasText: medId });
    await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toBe(`chain incomplete: import the certificate of ${ISSUER}`);
    expect(await row.getByRole("button", { name: "Import the CA's certificate…" }).count()).toBe(1);
  });

  it("Export refuses a PFX without its issuing CA unless the admin chooses “Export anyway”, in the app and in main", async () => {
    const { page } = app;
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Export", exact: true }).click();
    await page.getByLabel("Certificate", { exact: true }).selectOption(medId);
    const why = page.getByRole("alert", { name: "Why the chain is incomplete" });
    await why.waitFor();
    expect(await why.textContent()).toContain(`the certificate of its issuing CA, ${ISSUER}, was not in the CA's answer`);
    await page.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    await page.getByLabel(/^PFX password \(at least/).fill("e2e-Chains-Pässword");
    await page.getByLabel("PFX password again").fill("e2e-Chains-Pässword");
    expect(await page.getByRole("button", { name: "Export PFX…" }).isDisabled()).toBe(true);
    expect(await page.locator("#pfx-blocked").textContent()).toBe("The issuing CA's certificate is missing: import it, or tick “Export anyway” above.");
    await app.screenshot("chains-2-export-refused");
    // Main refuses it too: the renderer's button is not the only guard.
    const refused = await page.evaluate(
      (id) =>
        (window as unknown as { lynccert: { exportPfx(i: unknown): Promise<unknown> } }).lynccert
          .exportPfx({ id, exportAnyway: false, profile: "compat", includeRoot: false, passphrase: "e2e-chains-passphrase", password: "e2e-Chains-Pässword", withScript: false })
          .then(
            () => "exported",
            (e: Error) => e.message,
          ),
      medId,
    );
    expect(refused).toMatch(/the issuing CA's certificate \(CN=Contoso Test Issuing CA, O=Contoso\) is missing, so the PFX would hold the certificate alone/);
    await page.getByLabel("Export anyway: the PFX holds the certificate without its issuing CA").check();
    expect(await page.getByRole("button", { name: "Export PFX…" }).isDisabled()).toBe(false);
  });

  it("the issuing CA's certificate on its own is read as a CA certificate: kept, and it completes the waiting chain at once", async () => {
    const { page } = app;
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Import and verify" }).click();
    await page.getByLabel("Choose a certificate file").setInputFiles(join(dir, "issuing-ca.cer"));
    const verdict = page.getByRole("status", { name: "Verdict" });
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(
      `issuing-ca.cer: CA certificates only (1), 1 new: kept to complete the chains of answers that come without them. Completed the chain of ${medId}.`,
    );
    expect(await page.getByText(/needs re-issue|Web Server template/).count()).toBe(0);
    await app.screenshot("chains-3-ca-only-file");

    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Requests" }).click();
    await expect.poll(() => page.getByRole("row").filter({ hasText: medId }).getByRole("cell").nth(3).textContent()).toMatch(/^(valid|issued, with warnings: \d+)$/);
    // The PEM chain Export writes now carries the issuing CA, and openssl builds the path with it.
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Export", exact: true }).click();
    await page.getByLabel("Certificate", { exact: true }).selectOption(medId);
    expect(await page.getByRole("alert", { name: "Why the chain is incomplete" }).count()).toBe(0);
    await page.getByRole("button", { name: "Export PEM chain…" }).click();
    await page.getByText(/^Written: /).waitFor();
    const pem = readFileSync(join(outDir, `${medId}.pem`), "utf8");
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(openssl(["verify", "-CAfile", ca.root, "-untrusted", join(outDir, `${medId}.pem`), join(dir, "mediation.pem")])).toContain("OK");
  });

  it("a later leaf-only answer is completed from the CA seen before; the chain names a root only for a self-signed certificate", async () => {
    const { page } = app;
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Import and verify" }).click();
    await page.getByLabel("Choose a certificate file").setInputFiles(join(dir, "edge-internal.cer"));
    const verdict = page.getByRole("status", { name: "Verdict" });
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(new RegExp(`^edge-internal\\.cer: (valid|issued, with warnings: \\d+) — .*Attached to request ${edgeId}\\.$`));
    // The issuing CA is not self-signed, so it is not called the root (the root was never given).
    expect(await page.getByRole("list", { name: "Certificate chain, leaf to root" }).locator("li").allTextContents()).toEqual([
      "Certificate: CN=lsedge.contoso.net",
      `Issuing CA: ${ISSUER}`,
    ]);
    expect(
      await page
        .getByRole("list", { name: "Findings" })
        .getByText(/completed with CN=Contoso Test Issuing CA, O=Contoso kept from earlier answers/)
        .count(),
    ).toBe(1);
    await app.screenshot("chains-4-completed-from-kept-ca");
  });
});
