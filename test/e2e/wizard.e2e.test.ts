import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptPrivateKeyInfo } from "../../src-main/services/crypto/pbes2";
import { openssl } from "../helpers/openssl";
import { createServer as createTlsServer } from "node:tls";
import { fileURLToPath } from "node:url";
import { opensslCsr, TestCa } from "../helpers/test-ca";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-"));
const storeDir = join(dir, "store");
const outDir = join(dir, "out");
const PASSPHRASE = "e2e-keystore-passphrase";
const PFX_PASSWORD = "e2e-Pfx-Pässword";
let app: App;

// npm test checks first that a Chromium-family browser exists (test/helpers/test-tools.ts): never skipped.
describe("the desktop wizard in Chromium, bridge bound to the real services", () => {
  beforeAll(async () => {
    (await import("node:fs")).mkdirSync(outDir, { recursive: true });
    app = await launchApp(storeDir, outDir);
    // A first start is empty; these walks use the example site, as an admin trying the app would.
    await app.page.getByRole("button", { name: "Use the example site" }).click();
  });
  afterAll(async () => app?.close());

  async function next() {
    await app.page.getByRole("button", { name: "Next" }).click();
  }

  /** The first key sets the keystore's passphrase (typed twice); later keys ask for it once. */
  async function fillPassphrase() {
    await app.page.getByLabel(/^Keystore passphrase/).fill(PASSPHRASE);
    if (await app.page.getByLabel("Passphrase again").count()) await app.page.getByLabel("Passphrase again").fill(PASSPHRASE);
  }

  async function walk(role: string, server: string | undefined, key: string, shot: string) {
    const { page } = app;
    await page.getByRole("button", { name: "New request" }).click();
    await page.getByRole("button", { name: /^1\. Topology/ }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "The topology is valid." }).count()).toBe(1);
    await app.screenshot(`${shot}-1-topology`);
    await next();
    await page.getByLabel("Certificate role").selectOption(role);
    if (server) await page.getByLabel(/^(Server|Pool)\b/).selectOption(server);
    await app.screenshot(`${shot}-2-role`);
    await next();
    await page.getByLabel(/^Organization \(O\)/).fill("Contoso");
    await page.getByLabel("Country (C)").selectOption("US");
    await app.screenshot(`${shot}-3-subject`);
    await next();
    if (key.startsWith("ECDSA")) await page.getByRole("checkbox", { name: /Also offer ECDSA keys/ }).check();
    await page.getByLabel(key).check();
    await app.screenshot(`${shot}-4-key`);
    await next();
    await app.screenshot(`${shot}-5-review`);
    const sans = await page.locator("table.san tbody td:first-child").allTextContents();
    await next();
    await fillPassphrase();
    await page.getByRole("button", { name: "Generate key and request" }).click();
    await page.getByText(/Request .* is ready/).waitFor({ timeout: 30_000 });
    await app.screenshot(`${shot}-6-generate`);
    await page.getByRole("button", { name: "Save .req…" }).click();
    await page.getByText(/^Saved /).waitFor();
    const saved = readdirSync(outDir).filter((f) => f.startsWith(role) && f.endsWith(".req"));
    expect(saved).toHaveLength(1);
    return { sans, req: join(outDir, saved[0]!) };
  }

  it("walks the wizard for a Front End Server and saves a .req that openssl verifies", async () => {
    const { sans, req } = await walk("front-end", "fe02.contoso.net", "RSA 2048 bits (recommended, the Lync wizard's default)", "front-end");
    expect(sans).toEqual(expect.arrayContaining(["pool01.contoso.net", "fe02.contoso.net", "meet.contoso.com", "webext.contoso.com", "lyncdiscover.contoso.com"]));
    const text = openssl(["req", "-in", req, "-verify", "-noout", "-text"]);
    expect(text).toContain("Certificate request self-signature verify OK");
    expect(text).toContain("Subject: C = US, O = Contoso, CN = pool01.contoso.net");
    expect(text).toContain("DNS:fe02.contoso.net");
    expect(readFileSync(req, "latin1")).toContain("\r\n");
  });

  it("keeps the request on the Generate step across Back and Next, and warns before a second request for the same certificate", async () => {
    const { page } = app;
    const ready = page.getByText(/^Request front-end-fe02-.* is ready/);
    await ready.waitFor();
    await page.getByRole("button", { name: "Back" }).click();
    await next();
    await ready.waitFor();
    // "Make another…" starts the next request at its role, never a silent duplicate of the finished one.
    await page.getByRole("button", { name: "Make another…" }).click();
    await page.getByRole("heading", { level: 2, name: "2. Role and server" }).waitFor();
    for (let i = 0; i < 4; i++) await next();
    const already = page.getByRole("note", { name: "Already requested" });
    await already.waitFor();
    expect(await already.textContent()).toMatch(/This certificate was requested already: front-end-fe02-\S+ \(waiting for the CA\)/);
    await fillPassphrase();
    expect(await page.getByRole("button", { name: "Generate key and request" }).isDisabled()).toBe(true);
    expect(await page.locator("#generate-blocked").textContent()).toBe("Confirm above that you want a second request for this certificate.");
    await app.screenshot("generate-second-request-warning");
  });

  it("walks the wizard for the Edge external certificate with an ECDSA key", async () => {
    const { sans, req } = await walk("edge-external", "lsedge.contoso.net", "ECDSA P-256", "edge-external");
    expect(sans).toEqual(["sip.contoso.com", "webcon.contoso.com"]);
    const text = openssl(["req", "-in", req, "-verify", "-noout", "-text"]);
    expect(text).toContain("ecdsa-with-SHA256");
    expect(text).toContain("CN = sip.contoso.com");
  });

  it("imports a certificate issued by an openssl CA and shows the findings, the chain and the names", async () => {
    const { page } = app;
    const req = join(
      outDir,
      readdirSync(outDir).find((f) => f.startsWith("front-end") && f.endsWith(".req"))!,
    );
    const ca = TestCa.create(join(dir, "ca"));
    const names = openssl(["req", "-in", req, "-noout", "-text"])
      .match(/DNS:[^,\n]+/g)!
      .map((n) => n.slice(4).trim());
    const leaf = ca.issue(req, join(dir, "fe02.pem"), { san: names });
    const p7b = join(dir, "fe02.p7b");
    openssl(["crl2pkcs7", "-nocrl", "-certfile", ca.root, "-certfile", leaf, "-certfile", ca.intermediate, "-outform", "DER", "-out", p7b]);
    await page.getByRole("button", { name: "Import and verify" }).click();
    await page.getByLabel("Choose a certificate file").setInputFiles(p7b);
    await page.getByText(/Attached to request front-end-fe02-/).waitFor();
    expect(await page.getByRole("status", { name: "Verdict" }).textContent()).toMatch(
      /^fe02\.p7b: (valid — it satisfies every rule|issued, with warnings: \d+ — read the findings below)\. /,
    );
    expect(await page.getByRole("list", { name: "Certificate chain, leaf to root" }).locator("li").allTextContents()).toEqual([
      "Certificate: CN=pool01.contoso.net, O=Contoso, C=US",
      "Issuing CA: CN=Contoso Test Issuing CA, O=Contoso",
      "Root: CN=Contoso Test Root CA, O=Contoso",
    ]);
    expect(await page.locator(".sandiff .missing").count()).toBe(0);
    expect(await page.getByRole("list", { name: "Findings" }).getByText("FE-DEFAULT-SAN-SERVER").count()).toBeGreaterThan(0);
    await app.screenshot("import-1-findings");

    const short = ca.issue(req, join(dir, "fe02-short.pem"), { san: names.filter((n) => n !== "fe02.contoso.net") });
    await page.getByLabel("Choose a certificate file").setInputFiles(short);
    await page.getByText(/1 error/).waitFor();
    expect(await page.getByText(/kept beside its current, error-free certificate/).count()).toBe(1);
    expect(await page.locator(".sandiff .missing").allTextContents()).toEqual([expect.stringContaining("fe02.contoso.net")]);
    await app.screenshot("import-2-missing-name");
  });

  it("checks a request made elsewhere against the role chosen in New request, before it goes to the CA", async () => {
    const { page } = app;
    const csr = opensslCsr(dir, "edge-by-openssl", ["-newkey", "rsa:2048"], "/CN=sip.contoso.com", ["-addext", "subjectAltName=DNS:sip.contoso.com"]);
    await page.getByRole("button", { name: "Import and verify" }).click();
    await page.getByLabel("Choose a certificate file").setInputFiles(csr);
    await page.getByText(/is a certificate request, checked for the Edge Server, external interface certificate/).waitFor();
    expect(await page.getByText(/do not submit it: the CA would issue a certificate that fails these rules/).count()).toBe(1);
    expect(
      await page
        .getByRole("list", { name: "Findings" })
        .getByText(/SAN is missing webcon.contoso.com .*the CA would have to add it/)
        .count(),
    ).toBe(1);
    await app.screenshot("import-3-request-check");
  });

  it("exports a compat PFX and its PowerShell, which openssl reads", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Export", exact: true }).click();
    await page.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    await page.getByLabel(/^PFX password \(at least/).fill(PFX_PASSWORD);
    await page.getByLabel("PFX password again").fill(PFX_PASSWORD);
    expect(await page.getByLabel("Windows Server 2008 R2 – 2016").isChecked()).toBe(true);
    await app.screenshot("export-1-options");
    await page.getByRole("button", { name: "Export PFX…" }).click();
    await page.getByText(/^Written: /).waitFor();
    await app.screenshot("export-2-done");
    const pfx = join(
      outDir,
      readdirSync(outDir).find((f) => f.endsWith(".pfx"))!,
    );
    const info = openssl(["pkcs12", "-in", pfx, "-info", "-noout", "-passin", `pass:${PFX_PASSWORD}`]);
    expect(info).toContain("pbeWithSHA1And3-KeyTripleDES-CBC");
    expect(info).toContain("MAC: sha1");
    expect(readFileSync(pfx.replace(/\.pfx$/, ".ps1"), "utf8")).toContain(
      "$pending = @('Default', 'WebServicesInternal', 'WebServicesExternal' | Where-Object { -not (Test-Assigned $_ @{}) })",
    );
  });

  it("lists the requests with their state", async () => {
    await app.page.getByRole("button", { name: "Requests" }).click();
    await app.page.getByRole("cell", { name: /front-end-fe02/ }).waitFor();
    expect(await app.page.getByRole("cell", { name: /^(valid|issued, with warnings)/ }).count()).toBeGreaterThan(0);
    expect(await app.page.getByRole("cell", { name: "waiting for the CA", exact: true }).count()).toBe(1);
    await app.screenshot("requests");
  });

  it("is usable from the keyboard: Tab reaches Next, Enter moves on and focus lands on the new step's title", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "New request" }).click();
    await page.getByRole("button", { name: /^1\. Topology/ }).click();
    let onNext = false;
    for (let i = 0; i < 80 && !onNext; i++) {
      await page.keyboard.press("Tab");
      onNext = await page.evaluate(() => document.activeElement?.textContent === "Next");
    }
    expect(onNext).toBe(true);
    // From the step's title, one Tab reaches the skip button and Enter puts the focus on Next.
    await page.getByRole("heading", { level: 2, name: "1. Topology" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the step's action");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Next");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName + " " + document.activeElement?.textContent)).toBe("H2 2. Role and server");
    expect(await page.evaluate(() => [...document.querySelectorAll("input, select")].filter((el) => !el.closest("label") && !el.getAttribute("aria-label")).length)).toBe(0);
  });

  it("stays readable at 200% zoom: nothing overflows sideways", async () => {
    await app.page.setViewportSize({ width: 640, height: 900 });
    await app.page.getByRole("button", { name: "New request" }).click();
    expect(await app.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await app.screenshot("zoom-200-topology");
    await app.page.setViewportSize({ width: 1280, height: 900 });
  });

  it("shows the whole topology with each certificate's state, and exports it as CSV", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Whole topology" }).click();
    await page.getByRole("cell", { name: "valid" }).waitFor();
    const certificates = page.getByRole("table", { name: "Certificates of the topology" });
    expect(await certificates.getByRole("cell", { name: "planned, not requested", exact: true }).count()).toBeGreaterThan(0);
    expect(await certificates.getByRole("cell", { name: "waiting for the CA", exact: true }).count()).toBe(1);
    await app.screenshot("topology-1-whole");
    await page.getByRole("button", { name: "Export as CSV…" }).click();
    await page.getByText(/^Saved .*lynccert-topology.csv/).waitFor();
    const csv = readFileSync(join(outDir, "lynccert-topology.csv"), "utf8");
    expect(csv).toMatch(/^Role,Server,Types,Subject CN,SAN names,State,Request,Expires\r\n/);
    expect(csv).toMatch(/front-end,fe02.contoso.net,.*,valid,front-end-fe02-/);
  });

  it("checks a live server: a local TLS server with a certificate from the openssl CA", async () => {
    const { page } = app;
    const ca = TestCa.create(join(dir, "probe-ca"));
    const csr = opensslCsr(dir, "probe", ["-newkey", "rsa:2048"], "/CN=sip.contoso.com");
    const cert = ca.issue(csr, join(dir, "probe.pem"), { san: ["sip.contoso.com", "webcon.contoso.com"], cdp: "URI:http://127.0.0.1:1/nothing.crl" });
    const server = createTlsServer({ key: readFileSync(join(dir, "probe.key")), cert: readFileSync(cert, "utf8") + readFileSync(ca.intermediate, "utf8") }, (s) => s.end());
    const port = await new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as { port: number }).port)));
    try {
      await page.getByRole("button", { name: "Import and verify" }).click();
      await page.getByLabel(/^Server \(HOST/).fill(`127.0.0.1:${port}`);
      await page.getByLabel(/^Name to ask for/).fill("sip.contoso.com");
      await page.getByRole("button", { name: "Check the server" }).click();
      await page.getByText(/127.0.0.1:\d+: TLSv1.3/).waitFor();
      expect(await page.getByRole("list", { name: "Presented chain" }).locator("li").count()).toBe(2);
      expect(await page.getByText(/classic cause of Edge sign-in failures/).count()).toBeGreaterThan(0);
      await app.screenshot("import-3-check-a-server");
    } finally {
      server.close();
    }
  });

  it("imports a Topology Builder document in step 1 and shows what it assumed", async () => {
    const { page } = app;
    app.dialogs.toOpen.push(fileURLToPath(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url)));
    await page.getByRole("button", { name: "New request" }).click();
    await page.getByRole("button", { name: /^1\. Topology/ }).click();
    await page.getByRole("button", { name: "Import topology…" }).click();
    await page.getByText(/Imported .*fabrikam.tbxml/).waitFor();
    expect(await page.getByLabel(/^SIP domains/).inputValue()).toBe("fabrikam.com, litwareinc.com");
    expect(await page.getByRole("note", { name: "What the import assumed" }).textContent()).toContain("FE-COLLOCATED-MED");
    await app.screenshot("topology-2-imported");
  });

  it("no private key material crossed the bridge", async () => {
    expect(app.calls.length).toBeGreaterThan(8);
    const traffic = JSON.stringify(app.calls);
    expect(traffic).not.toMatch(/PRIVATE KEY/);
    const { requests } = await app.store.list();
    expect(requests.length).toBe(2);
    for (const { record } of requests) {
      const der = await app.store.encryptedKeyDer(record.id);
      const pkcs8 = await decryptPrivateKeyInfo(der, PASSPHRASE, record.id);
      const encodings = [pkcs8.toString("base64"), pkcs8.toString("hex"), der.length ? Buffer.from(der).toString("base64").slice(0, 64) : ""];
      // The private part of the key: its last 48 bytes in every encoding that could carry it.
      const tail = pkcs8.subarray(pkcs8.length - 48);
      for (const s of [...encodings, tail.toString("base64"), tail.toString("hex")]) expect(traffic.includes(s)).toBe(false);
    }
  });
});
