import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-first-"));
const storeDir = join(dir, "store");
const outDir = join(dir, "out");
mkdirSync(outDir, { recursive: true });
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

// A first-time admin: the app starts empty, the site they build is kept, and it is there after a restart.
describe("the admin's site is theirs, and it is kept", () => {
  it("starts empty (no Contoso), builds a one-domain Standard Edition site, and finds it again after a restart", async () => {
    app = await launchApp(storeDir, outDir);
    const { page } = app;
    // What to fill in, not a wall of red for fields nobody has touched.
    const toFill = page.getByRole("note", { name: "Still to fill in" });
    await toFill.waitFor();
    expect(await toFill.getByRole("button").allTextContents()).toEqual(["SIP domains", "Meet URLs", "Dial-in URLs", "Pools"]);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
    expect(await page.getByLabel("SIP domains (the first is the default)").inputValue()).toBe("");
    await app.screenshot("first-start-1-empty");

    await page.getByLabel("SIP domains (the first is the default)").fill("fabrikam.com");
    await page.getByLabel("Meet URLs (host names, one per SIP domain at least)").fill("meet.fabrikam.com");
    await page.getByLabel("Dial-in URLs").fill("dialin.fabrikam.com");
    await page.getByRole("button", { name: "Add a pool" }).click();
    const pool = page.getByRole("group", { name: "Pool 1" });
    await pool.getByLabel("Role").selectOption("standard-edition");
    await pool.getByLabel("Server FQDN").fill("se01.fabrikam.net");
    await pool.getByLabel("External web FQDN").fill("webext.fabrikam.com");
    await page.getByText("The topology is valid.").waitFor();
    const kept = join(storeDir, "current-site.json");
    await expect.poll(() => existsSync(kept) && JSON.parse(readFileSync(kept, "utf8")).pools?.[0]?.externalWebFqdn).toBe("webext.fabrikam.com");
    await app.close();

    app = await launchApp(storeDir, outDir);
    await app.page.getByText(/^Reopened the site you worked on last/).waitFor();
    expect(await app.page.getByLabel("SIP domains (the first is the default)").inputValue()).toBe("fabrikam.com");
    expect(await app.page.getByRole("group", { name: "Pool 1" }).getByLabel("Server FQDN").inputValue()).toBe("se01.fabrikam.net");
    await app.page.getByText("The topology is valid.").waitFor();
    await app.screenshot("first-start-2-reopened");
  });

  it("the role step offers what the topology can make: Standard Edition preselected, the others with the pool they need, features shown read-only", async () => {
    app = await launchApp(storeDir, outDir);
    const { page } = app;
    await page.getByText(/^Reopened the site/).waitFor();
    await page.getByRole("button", { name: "Next" }).click();
    expect(await page.getByLabel("Certificate role").inputValue()).toBe("standard-edition");
    expect(await page.getByLabel(/^(Server|Pool)\b/).inputValue()).toBe("se01.fabrikam.net");
    const lacking = page.getByRole("note", { name: "Certificates this topology cannot make yet" });
    expect(await lacking.textContent()).toContain("Director: add a Director pool in 1. Topology");
    expect(await page.getByText(/^Mobility: off/).count()).toBe(1);
    expect(await page.getByRole("checkbox", { name: /Mobility/ }).count()).toBe(0);
    await app.screenshot("first-start-4-role-step");
    await lacking.getByRole("button", { name: "Go to 1. Topology" }).click();
    await page.getByRole("heading", { level: 2, name: "1. Topology" }).waitFor();
  });

  it("Start a new site and Remove pool can be undone; a pool under none of the site's domains is a warning", async () => {
    app = await launchApp(storeDir, outDir);
    const { page } = app;
    await page.getByText(/^Reopened the site/).waitFor();
    await page.getByRole("button", { name: "Start a new site" }).click();
    expect(await page.getByLabel("SIP domains (the first is the default)").inputValue()).toBe("");
    await page.getByRole("button", { name: "Undo" }).click();
    expect(await page.getByLabel("SIP domains (the first is the default)").inputValue()).toBe("fabrikam.com");

    await page.getByRole("button", { name: "Add a pool" }).click();
    const leftover = page.getByRole("group", { name: "Pool 2" });
    await leftover.getByLabel("Role").selectOption("mediation");
    await leftover.getByLabel("Pool FQDN").fill("med01.contoso.net");
    await leftover.getByLabel("Servers").fill("med01.contoso.net");
    const warning = page.getByRole("note", { name: "Topology warnings" });
    await warning.waitFor();
    expect(await warning.textContent()).toContain("Pool 2 (med01.contoso.net): none of its names is under the site's domains (fabrikam.com, fabrikam.net)");
    await app.screenshot("first-start-3-leftover-pool");

    await leftover.getByRole("button", { name: "Remove pool 2" }).click();
    expect(await page.getByRole("group", { name: "Pool 2" }).count()).toBe(0);
    expect(await page.getByText("Removed pool 2 (med01.contoso.net).").count()).toBe(1);
    await page.getByRole("button", { name: "Undo" }).click();
    expect(await page.getByRole("group", { name: "Pool 2" }).count()).toBe(1);
  });

  it("a site file with problems opens beside the kept site, never over it: its problems shown, kept only on the admin's say, and undoable", async () => {
    const kept = join(storeDir, "current-site.json");
    app = await launchApp(storeDir, outDir);
    await app.page.getByText(/^Reopened the site you worked on last/).waitFor();
    const before = readFileSync(kept, "utf8");
    const wrong = join(dir, "wrong-role.site.json");
    writeFileSync(wrong, JSON.stringify({ ...JSON.parse(before), pools: [{ role: "frontend", fqdn: "pool01.fabrikam.net", servers: ["fe01.fabrikam.net"] }] }));
    app.dialogs.toOpen.push(wrong);
    await app.page.getByRole("button", { name: "Open site file…" }).click();
    const panel = app.page.getByRole("region", { name: "Site file with problems" });
    await panel.getByText(`${wrong} has 1 problem.`).waitFor();
    await app.screenshot("site-file-with-problems");
    await panel.getByRole("button", { name: "Keep my current site" }).click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(readFileSync(kept, "utf8")).toBe(before);
    expect(await app.page.getByLabel("SIP domains (the first is the default)").inputValue()).toBe("fabrikam.com");

    app.dialogs.toOpen.push(wrong);
    await app.page.getByRole("button", { name: "Open site file…" }).click();
    await panel.getByRole("button", { name: "Use this file and fix it" }).click();
    await expect.poll(() => JSON.parse(readFileSync(kept, "utf8")).pools?.[0]?.role).toBe("frontend");
    await app.page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => JSON.parse(readFileSync(kept, "utf8")).pools?.[0]?.role).toBe("standard-edition");
  });

  it("a broken site file is named with its line, and an unreadable kept site is set aside, never replaced", async () => {
    const broken = join(dir, "broken.site.json");
    writeFileSync(broken, '{\n  "sipDomains": ["fabrikam.com"],\n  "pools": [,]\n}\n');
    app = await launchApp(storeDir, outDir);
    app.dialogs.toOpen.push(broken);
    await app.page.getByRole("button", { name: "Open site file…" }).click();
    await app.page
      .getByRole("alert")
      .filter({ hasText: `${broken}: not valid JSON at line 3, column 13. Your current site was kept.` })
      .waitFor();
    await app.close();

    writeFileSync(join(storeDir, "current-site.json"), "{ not json");
    app = await launchApp(storeDir, outDir);
    await app.page.getByText(/current-site\.json: not valid JSON at line 1, column 3\. Starting from an empty site/).waitFor();
    await app.page.getByLabel("SIP domains (the first is the default)").fill("litwareinc.com");
    await expect.poll(() => readdirSync(storeDir).filter((f) => f.startsWith("current-site.json.unreadable-")).length).toBe(1);
    const aside = readdirSync(storeDir).find((f) => f.startsWith("current-site.json.unreadable-"))!;
    expect(readFileSync(join(storeDir, aside), "utf8")).toBe("{ not json");
  });
});
