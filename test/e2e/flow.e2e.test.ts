import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { launchApp, type App } from "./harness";

const PASSPHRASE = "e2e-flow";
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function workFolder(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `lynccert-e2e-${name}-`));
  const out = join(dir, "out");
  mkdirSync(out, { recursive: true });
  return { dir, store: join(dir, "store"), out };
}

/** A keystore with one key made before (the admin's second request) and the example site as the site kept. */
async function keptExample(store: string) {
  const r = await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", store, "--out", join(store, "..", "first.req")], {
    LYNCCERT_PASSPHRASE: PASSPHRASE,
  });
  expect(r.code, r.err).toBe(0);
}

const focused = (a: App) => a.page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim()}`);

describe("flow and keyboard", () => {
  it("a first Standard Edition request from an empty start takes at most 15 actions, the .req saved", async () => {
    const work = workFolder("flow-se");
    app = await launchApp(work.store, work.out);
    const { page } = app;
    let actions = 0;
    const act = async (what: () => Promise<unknown>) => {
      actions++;
      await what();
    };
    await page.getByRole("note", { name: "Still to fill in" }).waitFor();
    await act(() => page.getByLabel("SIP domains (the first is the default)").fill("fabrikam.com"));
    await act(() => page.getByLabel("Meet URLs (host names, one per SIP domain at least)").fill("meet.fabrikam.com"));
    await act(() => page.getByLabel("Dial-in URLs").fill("dialin.fabrikam.com"));
    await act(() => page.getByRole("button", { name: "Add a pool" }).click());
    const pool = page.getByRole("group", { name: "Pool 1" });
    await act(() => pool.getByLabel("Role").selectOption("standard-edition"));
    await act(() => pool.getByLabel("Server FQDN").fill("se01.fabrikam.net"));
    await act(() => pool.getByLabel("External web FQDN").fill("webext.fabrikam.com"));
    await page.getByText("The topology is valid.").waitFor();
    await act(() => page.getByRole("button", { name: "Next" }).click());
    expect(await page.getByLabel("Certificate role").inputValue()).toBe("standard-edition");
    // Subject details and key keep their defaults: the review is one click away.
    await act(() => page.getByRole("button", { name: "5. Review" }).click());
    await act(() => page.getByRole("button", { name: "Next" }).click());
    await act(() => page.getByLabel("Keystore passphrase (at least 8 characters)").fill(PASSPHRASE));
    await act(() => page.getByLabel("Passphrase again").fill(PASSPHRASE));
    await act(() => page.getByRole("button", { name: "Generate key and request" }).click());
    await page.getByText(/^Request standard-edition-se01-\S+ is ready/).waitFor({ timeout: 30_000 });
    await act(() => page.getByRole("button", { name: "Save .req…" }).click());
    await page.getByText(/^Saved /).waitFor();
    const [req] = readdirSync(work.out).filter((f) => f.endsWith(".req"));
    expect(openssl(["req", "-in", join(work.out, req!), "-noout", "-subject"])).toContain("CN = se01.fabrikam.net");
    expect(actions).toBeLessThanOrEqual(15);
  });

  it("one request by keyboard alone takes at most 35 key presses; the skip button reaches each step's action, never Back", async () => {
    const work = workFolder("flow-keys");
    await keptExample(work.store);
    app = await launchApp(work.store, work.out);
    const { page } = app;
    await app.openSite(EXAMPLE_SITE_PATH);
    await page.getByRole("heading", { level: 2, name: "1. Topology" }).focus();
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };
    for (const next of ["2. Role and server", "3. Subject details", "4. Key and signature", "5. Review", "6. Generate"]) {
      await press("Tab");
      await expect.poll(() => focused(app!)).toBe("BUTTON Skip to the step's action");
      await press("Enter");
      await expect.poll(() => focused(app!)).toBe("BUTTON Next");
      await press("Enter");
      await expect.poll(() => focused(app!)).toBe(`H2 ${next}`);
    }
    // On Generate the action is the key's: the skip button goes to the passphrase it still needs, then Enter makes it.
    await press("Tab");
    await press("Enter");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe("password");
    for (const c of PASSPHRASE) await press(c);
    await press("Enter");
    await page.getByText(/^Request front-end-fe01-\S+ is ready/).waitFor({ timeout: 30_000 });
    await expect.poll(() => focused(app!)).toBe("BUTTON Save .req…");
    await press("Enter");
    await page.getByText(/^Saved /).waitFor();
    expect(readdirSync(work.out).filter((f) => f.endsWith(".req"))).toHaveLength(1);
    expect(presses).toBeLessThanOrEqual(35);
    await app.screenshot("flow-keyboard-request");
  });

  it("“New request” and “Make another…” start a new request; “Import the CA's answer…” opens the file picker", async () => {
    const work = workFolder("flow-new");
    await keptExample(work.store);
    app = await launchApp(work.store, work.out);
    const { page } = app;
    await app.openSite(EXAMPLE_SITE_PATH);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "6. Generate" }).click();
    await page.getByLabel("Keystore passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Generate key and request" }).click();
    const ready = page.getByText(/^Request front-end-fe01-\S+ is ready/);
    await ready.waitFor({ timeout: 30_000 });

    const chooser = page.waitForEvent("filechooser", { timeout: 5_000 });
    await page.getByRole("button", { name: "Import the CA's answer…" }).click();
    await chooser;
    await page.getByRole("heading", { level: 2, name: "Import and verify" }).waitFor();

    // Back to New request: a new request begins at step 1, and the finished one is not shown again.
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "New request" }).click();
    await page.getByRole("heading", { level: 2, name: "1. Topology" }).waitFor();
    await page.getByRole("button", { name: "6. Generate" }).click();
    expect(await ready.count()).toBe(0);
    await page.getByRole("note", { name: "Already requested" }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "New request" }).click();
    await page.getByRole("heading", { level: 2, name: "1. Topology" }).waitFor();
    expect(await page.getByRole("button", { name: "Generate key and request" }).count()).toBe(0);
    await app.screenshot("flow-new-request");
  });
});
