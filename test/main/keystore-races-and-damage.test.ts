import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { decryptPrivateKeyInfo } from "../../src-main/services/crypto/pbes2";
import { BIN, cli, type CliRun } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const PASS = "races-and-damage-passphrase";
const ENV = { LYNCCERT_PASSPHRASE: PASS, LYNCCERT_PFX_PASSWORD: "Pfx-Pässword-2026" };
const MEDIATION = ["--role", "mediation", "--server", "medsvr01.contoso.net"];

/** The bundled CLI as its own process, started now and awaited later: two of them run at the same moment. */
function started(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

async function requestFor(store: string, dir: string, name: string) {
  const req = join(dir, `${name}.req`);
  const made = await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", req, "--json"], ENV);
  expect(made.code, made.err).toBe(0);
  return { id: JSON.parse(made.out).id as string, req, san: JSON.parse(made.out).plan.san.map((n: { name: string }) => n.name) as string[] };
}

describe("the keystore under concurrency", () => {
  it("two first requests at the same moment under different passphrases: one is made, the other refused; every key opens under one passphrase", async () => {
    for (let run = 0; run < 3; run++) {
      const dir = tempDir();
      const store = join(dir, "store");
      const runs = await Promise.all(
        ["first-passphrase-A", "first-passphrase-B"].map((passphrase, i) =>
          started(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", join(dir, `${i}.req`)], { LYNCCERT_PASSPHRASE: passphrase }),
        ),
      );
      expect(runs.map((r) => r.code).sort()).toEqual([0, 2]);
      expect(runs.find((r) => r.code === 2)!.err).toMatch(/wrong keystore passphrase: it does not open the key of request \S+ in .*; a keystore keeps one passphrase/);
      const winner = ["first-passphrase-A", "first-passphrase-B"][runs.findIndex((r) => r.code === 0)]!;
      const keystore = new Keystore(store);
      for (const { record } of (await keystore.list()).requests) await decryptPrivateKeyInfo(await keystore.encryptedKeyDer(record.id), winner, record.id);
    }
  }, 60_000);

  it("a good answer and a faulty re-issue imported at the same moment: the good one is current every time", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const { id, req, san } = await requestFor(store, dir, "med");
    const ca = TestCa.create(join(dir, "ca"));
    for (let run = 0; run < 8; run++) {
      const good = ca.issue(req, join(dir, `good${run}.pem`), { san });
      const faulty = ca.issue(req, join(dir, `faulty${run}.pem`), { san: san.slice(0, -1) });
      const [a, b] = await Promise.all([started(["import", faulty, "--store", store], ENV), started(["import", good, "--store", store], ENV)]);
      expect([a.code, b.code].sort(), a.err + b.err).toEqual([0, 1]);
      const record = JSON.parse(readFileSync(join(store, "requests", id, "request.json"), "utf8"));
      expect(record.certificate.errors, `run ${run}`).toBe(0);
    }
  }, 120_000);
});

describe("one damaged file stops nothing else, and is named", () => {
  it("an empty newest key: list names it damaged, export names the file, a new request and kit go on with the rest", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const first = await requestFor(store, dir, "first");
    const second = await requestFor(store, dir, "second");
    writeFileSync(join(store, "requests", second.id, "key.p8.pem"), "");
    const list = await cli(["list", "--store", store, "--json"]);
    expect(list.code).toBe(1);
    const listed = JSON.parse(list.out);
    expect(listed.requests.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expect(listed.damaged).toEqual([
      { id: second.id, problem: `${join(store, "requests", second.id, "key.p8.pem")} does not hold one encrypted private key (it may be empty or cut short)` },
    ]);
    const exported = await cli(["export", second.id, "--store", store, "--pem", join(dir, "x.pem")], ENV);
    expect(exported).toMatchObject({
      code: 2,
      err: expect.stringMatching(new RegExp(`damaged keystore entry ${second.id}: .*key\\.p8\\.pem does not hold one encrypted private key`)),
    });
    // The passphrase is checked against the newest readable key.
    expect((await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", join(dir, "third.req")], ENV)).code).toBe(0);
    const wrong = await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", join(dir, "fourth.req")], {
      LYNCCERT_PASSPHRASE: "another-passphrase-x",
    });
    expect(wrong.code).toBe(2);
    const kit = await cli(["kit", "--site", EXAMPLE_SITE_PATH, "--store", store, "--out-dir", join(dir, "kits")], ENV);
    expect(kit.code).toBe(1);
    expect(kit.out).toMatch(new RegExp(`Damaged keystore entry, not used: ${second.id}: .*key\\.p8\\.pem does not hold one encrypted private key`));
  });

  it("a stray file in requests/ (desktop.ini on a share) is listed and left alone; requests go on", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    await requestFor(store, dir, "first");
    writeFileSync(join(store, "requests", "desktop.ini"), "[.ShellClassInfo]\r\n");
    expect((await cli(["request", "--site", EXAMPLE_SITE_PATH, ...MEDIATION, "--store", store, "--out", join(dir, "again.req")], ENV)).code).toBe(0);
    const listed = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(listed.requests).toHaveLength(2);
    expect(listed.damaged).toEqual([{ id: "desktop.ini", problem: `${join(store, "requests", "desktop.ini")} is not a request folder; left alone, and skipped` }]);
  });

  it("a damaged certificate file: export and renew name it, exit 2", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const { id, req, san } = await requestFor(store, dir, "med");
    const ca = TestCa.create(join(dir, "ca"));
    expect((await cli(["import", ca.issue(req, join(dir, "med.pem"), { san }), "--store", store])).code).toBe(0);
    const certDir = join(store, "requests", id, "certificates");
    const file = join(certDir, readdirSync(certDir)[0]!);
    writeFileSync(file, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    const exported = await cli(["export", id, "--store", store, "--pfx", join(dir, "x.pfx")], ENV);
    expect(exported.code).toBe(2);
    expect(exported.err).toBe(`lynccert export: damaged keystore entry ${id}: ${file} is not readable PEM (${file}: the CERTIFICATE block is not valid Base64)`);
    mkdirSync(join(dir, "renewal"));
    const renewed = await cli(["renew", id, "--site", EXAMPLE_SITE_PATH, "--store", store, "--out", join(dir, "renewal", "r.req")], ENV);
    expect(renewed.code).toBe(2);
    expect(renewed.err).toMatch(new RegExp(`damaged keystore entry ${id}: .* is not readable PEM`));
  });
});
