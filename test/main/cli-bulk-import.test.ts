import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "bulk-import-passphrase" };

/** Two requests in a fresh store, and a CA that answered both. */
async function answered(dir: string) {
  const store = join(dir, "store");
  const ca = TestCa.create(join(dir, "ca"));
  const leaves: string[] = [];
  for (const [role, server] of [
    ["edge-internal", undefined],
    ["mediation", "medsvr01.contoso.net"],
  ] as const) {
    const req = join(dir, `${role}.req`);
    const made = await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", role, ...(server ? ["--server", server] : []), "--store", store, "--out", req, "--json"], ENV);
    const { plan } = JSON.parse(made.out) as { plan: { san: { name: string }[] } };
    leaves.push(ca.issue(req, join(dir, `${role}.pem`), { san: plan.san.map((n) => n.name) }));
  }
  return { store, ca, leaves };
}

describe("lynccert import of a folder", () => {
  it("reads only certificate files, does not follow a symbolic link to a folder (a loop here), and reports an unreadable file without stopping", async () => {
    const dir = tempDir();
    const { store, ca, leaves } = await answered(dir);
    const answers = join(dir, "answers");
    mkdirSync(join(answers, "sub"), { recursive: true });
    writeFileSync(join(answers, "edge.crt"), [leaves[0], ca.intermediate].map((f) => readFileSync(f, "utf8")).join(""));
    writeFileSync(join(answers, "sub", "med.pem"), readFileSync(leaves[1]!, "utf8"));
    writeFileSync(join(answers, "notes.txt"), "the CA's covering letter");
    writeFileSync(join(answers, "broken.cer"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    symlinkSync(answers, join(answers, "sub", "loop"));

    const r = await cli(["import", answers, "--store", store, "--json"]);
    const result = JSON.parse(r.out);
    expect(result.files).toBe(3);
    expect(result.rows.map((x: { file: string; verdict: string }) => [x.file.slice(answers.length + 1), x.verdict])).toEqual([
      ["edge.crt", "valid"],
      ["sub/med.pem", "valid"],
    ]);
    expect(result.others).toEqual([{ file: join(answers, "broken.cer"), why: expect.stringMatching(/./), problem: true }]);
    // The two certificates are attached; the broken file makes the run fail, so a script notices.
    expect(r.code).toBe(1);
    const list = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(list.requests.map((q: { status: string }) => q.status)).toEqual(["issued", "issued"]);
  });

  it("a path that does not exist is bad input (exit 2, naming it); no argument at all is too", async () => {
    const dir = tempDir();
    const missing = await cli(["import", join(dir, "nowhere"), "--store", join(dir, "store")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`lynccert import: ${join(dir, "nowhere")}: cannot read it (ENOENT)`);
    const none = await cli(["import", "--store", join(dir, "store")]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/give at least one FILE or DIR/);
  });

  it("the same certificate in two files is imported once; importing the folder again leaves each request's certificate in place", async () => {
    const dir = tempDir();
    const { store, leaves } = await answered(dir);
    const answers = join(dir, "answers");
    mkdirSync(answers);
    copyFileSync(leaves[0]!, join(answers, "a.crt"));
    copyFileSync(leaves[0]!, join(answers, "b.pem"));
    const first = JSON.parse((await cli(["import", answers, "--store", store, "--json"])).out);
    expect(first.rows).toHaveLength(1);
    expect(first.others).toEqual([
      { file: join(answers, "b.pem"), why: expect.stringMatching(/^the same certificate as .*a\.crt \(CN=lsedge\.contoso\.net\): imported once$/), problem: false },
    ]);
    const again = JSON.parse((await cli(["import", answers, "--store", store, "--json"])).out);
    // A leaf alone: its chain is incomplete until the issuing CA's certificate is imported.
    expect(again.rows[0]).toMatchObject({ verdict: "chain-incomplete", current: true });
  });
});

describe("a folder import keeps going past a bad item", () => {
  it("broken Base64, a PFX under another password and an unreadable subfolder are each listed with why; the rest is imported; exit 1", async () => {
    const dir = tempDir();
    const { store, ca, leaves } = await answered(dir);
    const answers = join(dir, "answers");
    mkdirSync(join(answers, "locked"), { recursive: true });
    writeFileSync(join(answers, "edge.crt"), readFileSync(leaves[0]!));
    writeFileSync(join(answers, "med.pem"), readFileSync(leaves[1]!));
    writeFileSync(join(answers, "broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
    openssl(["pkcs12", "-export", "-in", ca.intermediate, "-inkey", join(ca.dir, "intermediate.key"), "-out", join(answers, "other.pfx"), "-passout", "pass:another-password"]);
    chmodSync(join(answers, "other.pfx"), 0o644);
    writeFileSync(join(answers, "locked", "lost.cer"), readFileSync(leaves[0]!));
    chmodSync(join(answers, "locked"), 0);
    // The store is the ordinary user's own; the answers folder is readable by them, its locked subfolder not.
    if (process.getuid?.() === 0) spawnSync("chown", ["-R", "65534:65534", store]);
    chmodSync(dir, 0o755);
    const r = asUnprivileged(["import", answers, "--store", store, "--json"], { ...ENV, LYNCCERT_PFX_PASSWORD: "the-right-password" });
    expect(r.code, r.err).toBe(1);
    const result = JSON.parse(r.out);
    // The leaves came without their issuing CA's certificate: imported, their chain incomplete.
    expect(result.rows.map((x: { file: string; verdict: string }) => [x.file.slice(answers.length + 1), x.verdict])).toEqual([
      ["edge.crt", "chain-incomplete"],
      ["med.pem", "chain-incomplete"],
    ]);
    expect(result.others).toEqual([
      { file: join(answers, "locked"), why: "folder not read (EACCES)", problem: true },
      { file: join(answers, "broken.pem"), why: "the CERTIFICATE block is not valid Base64", problem: true },
      { file: join(answers, "other.pfx"), why: `wrong PFX password for ${join(answers, "other.pfx")}`, problem: true },
    ]);
  });

  it("reads files four levels below the folder, as the README says, and names a deeper folder as not read", async () => {
    const dir = tempDir();
    const { store, leaves } = await answered(dir);
    const answers = join(dir, "answers");
    const fourDown = join(answers, "a", "b", "c", "d");
    mkdirSync(join(fourDown, "e"), { recursive: true });
    writeFileSync(join(fourDown, "edge.crt"), readFileSync(leaves[0]!));
    writeFileSync(join(fourDown, "e", "med.crt"), readFileSync(leaves[1]!));
    const result = JSON.parse((await cli(["import", answers, "--store", store, "--json"], ENV)).out);
    expect(result.rows.map((x: { file: string }) => x.file)).toEqual([join(fourDown, "edge.crt")]);
    expect(result.others).toEqual([{ file: join(fourDown, "e"), why: "folder more than 4 levels below the folder named: not read", problem: true }]);
  });
});

/** The bundled CLI as an ordinary user: root reads any folder, so an unreadable one needs someone who is not root. */
function asUnprivileged(args: string[], env: NodeJS.ProcessEnv) {
  const root = process.getuid?.() === 0;
  const command = root ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const r = spawnSync(command[0]!, command.slice(1), { env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
