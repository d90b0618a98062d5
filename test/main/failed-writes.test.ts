import { existsSync, mkdirSync, promises as fsp, readdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { makeOutputFolder } from "../../src-main/services/files/output-folder";
import { cli, cliBounded, expectContract } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { SMALL_DISKS_AVAILABLE, useSmallDisks } from "../helpers/small-disk";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();
const ENV = { LYNCCERT_PASSPHRASE: "failed-writes-passphrase", LYNCCERT_PFX_PASSWORD: "Pfx-Pässword-2026" };
const MEDIATION = ["--role", "mediation", "--server", "medsvr01.contoso.net"];

/** Every file below a folder whose name marks an unfinished write. */
function tempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".tmp"));
}

/** A Mediation request with its certificate imported, in a store on an ordinary disk. */
async function issuedRequest(dir: string): Promise<{ store: string; id: string }> {
  const store = join(dir, "store");
  const req = join(dir, "med.req");
  const made = JSON.parse((await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", req, "--json"], ENV)).out);
  const ca = TestCa.create(join(dir, "ca"));
  const leaf = ca.issue(req, join(dir, "med.pem"), { san: made.plan.san.map((n: { name: string }) => n.name) });
  expect((await cli(["import", leaf, "--store", store], ENV)).code).toBe(0);
  return { store, id: made.id };
}

describe.runIf(SMALL_DISKS_AVAILABLE)("a write that fails leaves nothing behind and says which path and what to do (a real full or read-only tmpfs)", () => {
  it("export --pem --with-key --unencrypted-key onto a full disk: exit 2 naming the file, and no temp file holding the key", async () => {
    const dir = tempDir();
    const { store, id } = await issuedRequest(dir);
    const out = join(dir, "full");
    smallDisk(out, 64).fill();
    const r = await cli(["export", id, "--store", store, "--pem", join(out, "fe01.pem"), "--with-key", "--unencrypted-key"], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`lynccert export: ${join(out, "fe01.pem")}: cannot write it: the disk is full: free some space and run it again (ENOSPC)`);
    expect(tempFiles(out)).toEqual([]);
    expect(existsSync(join(out, "fe01.pem"))).toBe(false);
  });

  it("request --out onto a full disk: exit 2 naming the .req, no temp file, and the store as it was", async () => {
    const dir = tempDir();
    const out = join(dir, "full");
    smallDisk(out, 64).fill();
    const store = join(dir, "store");
    const r = await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", join(out, "med.req")], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/med\.req: cannot write it: the disk is full/);
    expect(tempFiles(out)).toEqual([]);
    expect(JSON.parse((await cli(["list", "--store", store, "--json"])).out).requests).toEqual([]);
  });

  it("a keystore on a full disk, and on a read-only one: exit 2 naming the store, no staging folder left", async () => {
    const dir = tempDir();
    const full = join(dir, "full-store");
    mkdirSync(full);
    const disk = smallDisk(full, 64);
    mkdirSync(join(full, "requests"));
    disk.fill();
    const r = await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", full, "--out", join(dir, "med.req")], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the disk is full: free some space and run it again \(ENOSPC\)/);
    expect(readdirSync(join(full, "requests"))).toEqual([]);

    const readOnly = join(dir, "ro-store");
    smallDisk(readOnly, 256).readOnly();
    const ro = await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", readOnly, "--out", join(dir, "med2.req")], ENV);
    expect(ro.code).toBe(2);
    expect(ro.err).toMatch(new RegExp(`${readOnly}.*the file system is read-only: choose a folder on a writable disk \\(EROFS\\)`));
  });
});

describe("output folders that cannot be: named in bounded time, exit 2", () => {
  it("--out-dir that is a file, a dangling link, or under /proc (where Node's recursive mkdir spins forever)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a-file"), "x");
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    const cases: [string, RegExp][] = [
      [join(dir, "a-file"), /a-file: cannot make the output folder there: it is a file, not a folder/],
      [join(dir, "a-file", "kits"), /a-file: cannot make the output folder there: it is a file, not a folder/],
      [join(dir, "dangling"), /dangling: is a symbolic link to something that does not exist; name a real folder/],
      ["/proc/lynccert-kits/x", /\/proc\/lynccert-kits: cannot make a folder here: this file system does not allow it/],
    ];
    for (const [outDir, message] of cases) {
      for (const args of [
        ["kit", "--site", EXAMPLE_SITE_PATH, "--out-dir", outDir, "--store", join(dir, "store")],
        ["request", "--site", EXAMPLE_SITE_PATH, "--all", "--out-dir", outDir, "--store", join(dir, "store")],
      ]) {
        const r = cliBounded(args, { env: ENV, timeoutMs: 20_000 });
        expectContract(r);
        expect(r.code, `${args[0]} ${outDir}: ${r.err}`).toBe(2);
        expect(r.err).toMatch(message);
      }
    }
  });
});

describe("what a killed write left in the keystore", () => {
  it("list names the temp files inside request folders; the next request removes the stale ones and keeps a young one", async () => {
    const dir = tempDir();
    const { store, id } = await issuedRequest(dir);
    const folder = join(store, "requests", id);
    const stale = join(folder, ".request.json.0123456789ab.tmp");
    const young = join(folder, "certificates", ".ABCDEF.pem.0123456789ab.tmp");
    writeFileSync(stale, "half a record");
    writeFileSync(young, "half a certificate");
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(stale, old, old);
    const listed = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(listed.leftovers.map((l: { name: string }) => l.name).sort()).toEqual([
      join(id, ".request.json.0123456789ab.tmp"),
      join(id, "certificates", ".ABCDEF.pem.0123456789ab.tmp"),
    ]);
    expect((await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", join(dir, "again.req")], ENV)).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(young)).toBe(true);
  });
});

describe("output folders made at the same moment", () => {
  it("a folder that another maker (a batch's other request, another LyncCert) creates just after it was looked for is used, not taken for a dangling link", async () => {
    const dir = tempDir();
    const target = join(dir, "store", "requests");
    const stat = fsp.stat.bind(fsp);
    // Exactly the interleaving two makers produce: the folder appears right after this maker's stat missed it.
    vi.spyOn(fsp, "stat").mockImplementation((async (path: string) => {
      try {
        return await stat(path);
      } catch (e) {
        if (path === target) mkdirSync(target, { recursive: true });
        throw e;
      }
    }) as never);
    try {
      await expect(makeOutputFolder(target, "--store")).resolves.toBe(target);
    } finally {
      vi.restoreAllMocks();
    }
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => makeOutputFolder(join(dir, "other", "requests"), "--store")));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  });
});
