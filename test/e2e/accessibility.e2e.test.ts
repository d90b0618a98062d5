import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { launchApp, type App } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "lynccert-e2e-axe-"));
const storeDir = join(dir, "store");
const PASSPHRASE = "e2e-axe-passphrase";
let app: App;

/** axe-core's serious and critical findings on what the page shows now (WCAG 2.x A and AA rules). */
async function seriousViolations(where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page: app.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  // axe ran its rules (colour contrast and button names at least) on this page: a check that cannot pass vacuously.
  expect(result.passes.map((p) => p.id)).toEqual(expect.arrayContaining(["color-contrast", "button-name"]));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Every view and every wizard step, in the light and the dark theme, as the OS chooses it.
describe("accessibility: axe-core on every view and step, light and dark", () => {
  beforeAll(async () => {
    mkdirSync(join(dir, "out"), { recursive: true });
    const made = JSON.parse(
      (
        await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "mediation", "--server", "medsvr01.contoso.net", "--store", storeDir, "--out", join(dir, "m.req"), "--json"], {
          LYNCCERT_PASSPHRASE: PASSPHRASE,
        })
      ).out,
    );
    await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", storeDir, "--out", join(dir, "e.req")], { LYNCCERT_PASSPHRASE: PASSPHRASE });
    const ca = TestCa.create(join(dir, "ca"));
    const leaf = ca.issue(join(dir, "m.req"), join(dir, "m.pem"), { san: made.plan.san.map((n: { name: string }) => n.name) });
    await cli(["import", leaf, "--store", storeDir]);
    app = await launchApp(storeDir, join(dir, "out"));
    await app.openSite(EXAMPLE_SITE_PATH);
  }, 120_000);
  afterAll(async () => app?.close());

  it.each(["light", "dark"] as const)("%s: 0 serious or critical violations", async (scheme) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("button", { name: "New request" }).click();
    for (const [i, title] of ["Topology", "Role and server", "Subject details", "Key and signature", "Review", "Generate"].entries()) {
      await page.getByRole("button", { name: `${i + 1}. ${title}` }).click();
      await page.getByRole("heading", { level: 2, name: `${i + 1}. ${title}` }).waitFor();
      found.push(...(await seriousViolations(`step ${i + 1} ${title}`)));
      if (i === 0) await app.screenshot(`a11y-${scheme}-topology-step`);
    }
    for (const view of ["Whole topology", "Requests", "Import and verify", "Export"]) {
      await nav.getByRole("button", { name: view, exact: true }).click();
      await page.getByRole("heading", { level: 2 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      found.push(...(await seriousViolations(view)));
      await app.screenshot(`a11y-${scheme}-${view.toLowerCase().replace(/ /g, "-")}`);
    }
    expect(found).toEqual([]);
  });

  it("at 1024×700, the smaller of the two sizes admins use, no view or step overflows sideways", async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    const nav = page.getByRole("navigation", { name: "Main" });
    const overflowing: string[] = [];
    const check = async (where: string) => {
      // The widest element past the window's right edge is named, so a failure says what to fix.
      const wide = await page.evaluate(() => {
        if (document.documentElement.scrollWidth <= document.documentElement.clientWidth) return undefined;
        const past = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1);
        const last = past[past.length - 1];
        return last ? `${last.tagName.toLowerCase()}: ${(last.textContent ?? "").trim().slice(0, 60)}` : "?";
      });
      if (wide) overflowing.push(`${where} (${wide})`);
    };
    await nav.getByRole("button", { name: "New request" }).click();
    for (const [i, title] of ["Topology", "Role and server", "Subject details", "Key and signature", "Review", "Generate"].entries()) {
      await page.getByRole("button", { name: `${i + 1}. ${title}` }).click();
      await check(`step ${i + 1}`);
    }
    for (const view of ["Whole topology", "Requests", "Import and verify", "Export"]) {
      await nav.getByRole("button", { name: view, exact: true }).click();
      await page.getByRole("heading", { level: 2 }).first().waitFor();
      await check(view);
    }
    await app.screenshot("a11y-1024x700-requests");
    expect(overflowing).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
