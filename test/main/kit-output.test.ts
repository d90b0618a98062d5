import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerEveryRequest } from "../helpers/ca-answers";
import { BIN, cli } from "../helpers/cli";
import { EXAMPLE_SITE_PATH, exampleSiteJson } from "../helpers/sites";
import { SMALL_DISKS_AVAILABLE, useSmallDisks } from "../helpers/small-disk";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();
const ENV = { LYNCCERT_PASSPHRASE: "kit-output-passphrase", LYNCCERT_PFX_PASSWORD: "Kit-Pfx-Pässword-1" };
const work = mkdtempSync(join(tmpdir(), "lynccert-kit-output-"));
const store = join(work, "store");
const kit = (outDir: string) => cli(["kit", "--site", EXAMPLE_SITE_PATH, "--store", store, "--out-dir", outDir, "--json"], ENV);

/** Every entry below a folder, as paths relative to it. */
const tree = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();

beforeAll(async () => {
  expect((await cli(["request", "--all", "--site", EXAMPLE_SITE_PATH, "--store", store], ENV)).code).toBe(0);
  expect((await cli(["import", answerEveryRequest(store, work).dir, "--store", store], ENV)).code).toBe(0);
}, 120_000);

describe("kits are whole or absent", () => {
  it.runIf(SMALL_DISKS_AVAILABLE)(
    "a disk that fills mid-build leaves nothing in the folder (no PFX, no README saying COMPLETE, no temp file); the rerun on a bigger disk is not blocked",
    async () => {
      const out = join(tempDir(), "kits");
      smallDisk(out, 48);
      const full = await kit(out);
      expect(full.code).toBe(2);
      expect(full.err).toMatch(/cannot write the kits: the disk is full: free some space and run it again \(ENOSPC\)/);
      expect(tree(out)).toEqual([]);
      spawnSync("mount", ["-o", "remount,size=8m", out]);
      const again = await kit(out);
      expect(again.code, again.err).toBe(0);
      expect(tree(out)).toContain("kit-summary.csv");
    },
  );

  it("a file already named like a server folder: refused before anything is written, nothing staged", async () => {
    const out = tempDir();
    writeFileSync(join(out, "fe01.contoso.net"), "not a kit");
    const r = await kit(out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`lynccert kit: ${join(out, "fe01.contoso.net")} already exists: kits never replace files; choose a new --out-dir`);
    expect(tree(out)).toEqual(["fe01.contoso.net"]);
  });

  it("what a killed build left (its staging folder) does not block the next build, which removes it once stale", async () => {
    const out = tempDir();
    const stale = join(out, ".kit-staging-0123456789ab");
    mkdirSync(join(stale, "fe01.contoso.net"), { recursive: true });
    writeFileSync(join(stale, "fe01.contoso.net", "README.txt"), "COMPLETE: every certificate this server needs is here");
    const young = join(out, ".kit-staging-ba9876543210");
    mkdirSync(young);
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(stale, old, old);
    const r = await kit(out);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(young)).toBe(true);
  });

  it("a symbolic link in --out-dir named like a server folder is never followed: refused, and nothing is written where it points", async () => {
    const dir = tempDir();
    const out = join(dir, "kits");
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, "edge01.contoso.net"));
    const r = await kit(out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/edge01\.contoso\.net already exists: kits never replace files/);
    expect(tree(elsewhere)).toEqual([]);
  });

  it("under umask 000 every kit folder is 0700 and every file 0600 (no one else can replace the script)", () => {
    const out = join(tempDir(), "kits");
    const r = spawnSync("sh", ["-c", `umask 000 && exec "${process.execPath}" "${BIN}" kit --site "${EXAMPLE_SITE_PATH}" --store "${store}" --out-dir "${out}"`], {
      env: { PATH: process.env.PATH, ...ENV },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const name of tree(out)) expect([name, statSync(join(out, name)).mode & 0o777]).toEqual([name, statSync(join(out, name)).isDirectory() ? 0o700 : 0o600]);
  });
});

describe("request --all file names are unique per certificate", () => {
  it("fe01.contoso.net and fe01.fabrikam.net get their own .req (the full server name); --force replaces them on a rerun", async () => {
    const dir = tempDir();
    const site = exampleSiteJson();
    site.pools = [
      { role: "front-end", fqdn: "pool01.contoso.net", servers: ["fe01.contoso.net"], externalWebFqdn: "webext.contoso.com" },
      { role: "front-end", fqdn: "pool02.fabrikam.net", servers: ["fe01.fabrikam.net"], externalWebFqdn: "webext.fabrikam.com" },
    ];
    delete site.officeWebApps;
    const siteFile = join(dir, "two.site.json");
    writeFileSync(siteFile, JSON.stringify(site));
    const args = ["request", "--all", "--separate", "--site", siteFile, "--store", join(dir, "store"), "--out-dir", join(dir, "reqs")];
    const r = await cli(args, ENV);
    expect(r.code, r.out).toBe(0);
    expect(tree(join(dir, "reqs"))).toEqual([
      "front-end-fe01.contoso.net-Default.req",
      "front-end-fe01.contoso.net-WebServicesExternal.req",
      "front-end-fe01.contoso.net-WebServicesInternal.req",
      "front-end-fe01.fabrikam.net-Default.req",
      "front-end-fe01.fabrikam.net-WebServicesExternal.req",
      "front-end-fe01.fabrikam.net-WebServicesInternal.req",
      "oauth-token-issuer-contoso.com.req",
      "reverse-proxy-webext.contoso.com.req",
    ]);
    expect((await cli(args, ENV)).code).toBe(1);
    expect((await cli([...args, "--force"], ENV)).code).toBe(0);
  });
});
