import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { defaultStoreDir } from "../../src-main/services/keystore/store-location";
import { createRequest } from "../../src-main/services/request-service";
import { readCrl } from "../../src-main/services/probe/crl";
import { fetchHttp } from "../../src-main/services/probe/http-fetch";
import { writePfx } from "../../src-main/services/pkcs12/pfx-writer";
import { BIN, cliBounded, expectContract } from "../helpers/cli";
import { selfSigned } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH, exampleSite, exampleSiteJson } from "../helpers/sites";
import { issuingCrl, TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "correct horse battery", LYNCCERT_PFX_PASSWORD: "Correct-Horse-42" };
const fe = ["--site", EXAMPLE_SITE_PATH, "--role", "front-end", "--server", "fe01.contoso.net"];

/** A PFX made by LyncCert, with its MAC iteration count replaced by `count` (DER re-encoded). */
async function pfxWithMacIterations(dir: string, count: number): Promise<string> {
  const { pkcs8, der } = selfSigned(dir, "/CN=x");
  const pfx = await writePfx({ privateKey: pkcs8, certificates: [der], friendlyName: "x" }, ENV.LYNCCERT_PFX_PASSWORD, "compat");
  const root = asn1js.fromBER(new Uint8Array(pfx).slice().buffer).result as asn1js.Sequence;
  (root.valueBlock.value[2] as asn1js.Sequence).valueBlock.value[2] = new asn1js.Integer({ value: count });
  const file = join(dir, `mac-${count}.pfx`);
  writeFileSync(file, new Uint8Array(root.toBER(false)));
  return file;
}

describe("crashes and hangs: every input answered in bounded time and memory (256 MB heap)", () => {
  it("a 118 KB site with thousands of Meet URLs outside every SIP domain gets a short report", () => {
    const dir = tempDir();
    const site = exampleSiteJson();
    site.sipDomains = Array.from({ length: 400 }, (_, i) => `sipdomain${i}.example.com`);
    site.simpleUrls.meet = Array.from({ length: 3800 }, (_, i) => `meet${i}.elsewhere${i}.org`);
    const file = join(dir, "huge.site.json");
    writeFileSync(file, JSON.stringify(site));
    expect(readFileSync(file).length).toBeGreaterThan(118_000);
    const r = cliBounded(["plan", "--site", file, "--role", "front-end", "--server", "fe01.contoso.net"]);
    expectContract(r, 8 * 1024);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/meet0\.elsewhere0\.org is not under any of the 400 SIP domains/);
    expect(r.err).toMatch(/… and \d+ more/);
  }, 60_000);

  it("a 2 MB topology document imports in bounded memory", () => {
    const dir = tempDir();
    const base = readFileSync(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url), "utf8");
    const extra = Array.from(
      { length: 14_500 },
      (_, i) => `<SimpleUrl Component="Meet" Domain="x${i}.org" ActiveUrl="https://meet.x${i}.org"><SimpleUrlEntry Url="https://meet.x${i}.org" /></SimpleUrl>`,
    ).join("\n");
    const file = join(dir, "huge.tbxml");
    writeFileSync(file, base.replace("</SimpleUrlConfiguration>", `${extra}\n</SimpleUrlConfiguration>`));
    expect(readFileSync(file).length).toBeGreaterThan(2_000_000);
    const r = cliBounded(["topology", "import", file, "--out", join(dir, "site.json")]);
    expectContract(r);
  }, 60_000);

  it("3 MB of unterminated BEGIN lines (a hostile CRL server's body) is scanned in linear time", () => {
    const dir = tempDir();
    const file = join(dir, "begins.pem");
    writeFileSync(file, "-----BEGIN CERTIFICATE-----\nAAAA\n".repeat(90_000));
    const r = cliBounded(["verify", file], { timeoutMs: 20_000 });
    expectContract(r);
    expect(r.err).toMatch(/has a BEGIN line but no complete PEM block/);
  }, 30_000);

  it.each([
    [0x7fffff, "8,388,607"],
    [0x800000, "8,388,608"],
    [0x7fffffff, "2,147,483,647"],
  ])(
    "a PFX whose MAC asks for %i iterations is refused before any work, the count read whole",
    async (count, shown) => {
      const file = await pfxWithMacIterations(tempDir(), count);
      const r = cliBounded(["inspect", file], { env: ENV, timeoutMs: 10_000 });
      expectContract(r);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`the MAC asks for ${shown} iterations; LyncCert reads at most 100,000`);
    },
    30_000,
  );

  it("an enterprise CRL of 150,000 entries is read, and its entries looked up", () => {
    const dir = tempDir();
    const ca = TestCa.create(join(dir, "ca"));
    const revoked = Array.from({ length: 150_000 }, (_, i) => ({ serialHex: (0x100000 + i).toString(16).toUpperCase(), reason: "keyCompromise" }));
    const crlPem = issuingCrl(ca, join(dir, "big.crl"), revoked);
    const der = execFileSync("openssl", ["crl", "-in", crlPem, "-outform", "DER"], { maxBuffer: 64 * 1024 * 1024 });
    const crl = readCrl(new Uint8Array(der));
    expect(crl.entries).toBe(150_000);
    expect(crl.revocationOf("0" + (0x100000 + 149_999).toString(16))).toMatchObject({ reason: "keyCompromise" });
    expect(crl.revocationOf("ABCDEF")).toBeUndefined();
  }, 60_000);

  it("a CRL server that drips one byte at a time is cut off at the fetch's deadline", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/pkix-crl" });
      const drip = setInterval(() => res.write("0"), 50);
      res.on("close", () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await fetchHttp(`http://127.0.0.1:${port}/ca.crl`, { timeoutMs: 1_000, deadlineMs: 400, maxBytes: 1_000_000, maxRedirects: 3 }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe("not complete within 0.4 s");
    } finally {
      server.close();
    }
  }, 10_000);
});

describe("nothing lost", () => {
  it("one damaged request.json: list shows the rest and names the damaged entry", () => {
    const dir = tempDir();
    const store = join(dir, "store");
    for (const n of [1, 2]) expect(cliBounded(["request", ...fe, "--store", store, "--out", join(dir, `r${n}.req`)], { env: ENV }).code).toBe(0);
    const entries = readdirSync(join(store, "requests"));
    const damagedRecord = join(store, "requests", entries[0]!, "request.json");
    const record = JSON.parse(readFileSync(damagedRecord, "utf8"));
    delete record.createdAt;
    writeFileSync(damagedRecord, JSON.stringify(record));
    const list = cliBounded(["list", "--store", store, "--json"]);
    expectContract(list);
    const parsed = JSON.parse(list.out);
    expect(parsed.requests.map((r: { id: string }) => r.id)).toEqual([entries[1]]);
    expect(parsed.damaged).toEqual([{ id: entries[0], problem: expect.stringContaining("lacks createdAt") }]);
  }, 60_000);

  it("a .req that cannot be written leaves the store as it was (exit 2, no orphan key)", () => {
    const dir = tempDir();
    const store = join(dir, "store");
    symlinkSync(join(dir, "nowhere", "x.req"), join(dir, "dangling.req"));
    for (const out of [join(dir, "missing-folder", "x.req"), dir, join(dir, "dangling.req")]) {
      const r = cliBounded(["request", ...fe, "--store", store, "--out", out], { env: ENV });
      expectContract(r);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(join(store, "requests")) ? readdirSync(join(store, "requests")) : []).toEqual([]);
  }, 60_000);

  it("what an interrupted write left is listed, and cleaned by the next write once stale", () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const stale = join(store, "requests", ".staging-front-end-fe01-20260101-abcdef");
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, "key.p8.pem"), "half");
    const listed = JSON.parse(cliBounded(["list", "--store", store, "--json"]).out);
    expect(listed.leftovers).toEqual([{ name: ".staging-front-end-fe01-20260101-abcdef", ageSeconds: expect.any(Number) }]);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    expect(cliBounded(["request", ...fe, "--store", store, "--out", join(dir, "new.req")], { env: ENV }).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(JSON.parse(cliBounded(["list", "--store", store, "--json"]).out)).toMatchObject({ damaged: [], leftovers: [] });
  }, 60_000);

  it("an empty XDG_CONFIG_HOME (or APPDATA) counts as unset, never as the current folder", () => {
    expect(defaultStoreDir({ XDG_CONFIG_HOME: "" }, "linux")).toMatch(/^\/.*\.config\/LyncCert\/store$/);
    expect(defaultStoreDir({ APPDATA: "" }, "win32")).toMatch(/AppData.Roaming.LyncCert.store$/);
  });
});

describe("nothing leaked, nothing mangled", () => {
  it("a passphrase file that is not UTF-8 is refused (exit 2), never decoded to U+FFFD", () => {
    const dir = tempDir();
    const file = join(dir, "pass.bin");
    writeFileSync(file, Buffer.from([0x70, 0x61, 0x73, 0x73, 0xff, 0xfe, 0x77, 0x6f, 0x72, 0x64, 0x21, 0x21]));
    const r = cliBounded(["request", ...fe, "--store", join(dir, "s"), "--passphrase-file", file, "--out", join(dir, "x.req")]);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining("pass.bin: is not UTF-8 text") });
  }, 30_000);

  it("a file given as the site is never echoed in the error", () => {
    const dir = tempDir();
    const file = join(dir, "passphrase.txt");
    writeFileSync(file, "Sup3r-Secret passphrase\n");
    const r = cliBounded(["plan", "--site", file, "--role", "front-end"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/passphrase.txt: not valid JSON at line 1, column 1\n$/);
    expect(r.err).not.toContain("Secret");
  }, 30_000);
});

describe("one validation path for the CLI and the app", () => {
  it.each([
    [{ C: "us" }, /subject: C must be a two-letter ISO 3166 country code/],
    [{ O: "Contoso\r\nOU=Injected" }, /subject\.O: contains the control or line-break character U\+000D/],
  ])("createRequest (the app's generateRequest) refuses subject %j before any key is made", async (subject, message) => {
    const dir = tempDir();
    const store = new Keystore(join(dir, "store"));
    const made = createRequest({
      site: exampleSite(),
      planRequest: { role: "front-end", server: "fe01.contoso.net" },
      key: "rsa2048",
      hash: undefined,
      subject,
      template: "WebServer",
      passphrase: ENV.LYNCCERT_PASSPHRASE,
      store,
      out: undefined,
      crlf: false,
      force: false,
    });
    await expect(made).rejects.toThrow(message);
    expect(existsSync(join(dir, "store"))).toBe(false);
  });
});

describe("the contract, everywhere: exit 2 and one line naming the cause", () => {
  it.each([
    ["an existing folder as --out", (d: string) => ["request", ...fe, "--store", join(d, "s"), "--out", d], /is a folder|EISDIR/],
    ["a missing parent folder", (d: string) => ["inf", ...fe, "--out", join(d, "no", "x.inf")], /its folder does not exist \(ENOENT\)/],
    [
      "a store path that is a file",
      (d: string) => (writeFileSync(join(d, "file"), "x"), ["request", ...fe, "--store", join(d, "file"), "--out", join(d, "x.req")]),
      /file: cannot (use it as|read|make) the keystore folder( there: it is a file, not a folder)?/,
    ],
    ["--types with nothing in it", () => ["plan", ...fe, "--types", ""], /--types: give at least one type/],
    [
      "--all with a hash its ECDSA key cannot take",
      (d: string) => ["request", "--site", EXAMPLE_SITE_PATH, "--all", "--key", "p256", "--hash", "sha512", "--store", join(d, "s")],
      /--hash sha512: an ECDSA P-256 key signs with sha256/,
    ],
  ])(
    "%s",
    (_name, args, message) => {
      const dir = tempDir();
      const r = cliBounded(args(dir), { env: ENV });
      expectContract(r);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    },
    30_000,
  );

  it("roles | head -1: a closed pipe ends the command quietly", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" roles | head -1`], { encoding: "utf8" });
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toBe("");
  });
});

describe("a kill at any moment of a request leaves a consistent store", () => {
  it("10 requests SIGKILLed at random moments, then list: no damaged entry, leftovers cleaned by the next write", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 10; i++) {
      const child = spawn(process.execPath, [BIN, "request", ...fe, "--store", store, "--out", join(dir, `k${i}.req`)], {
        env: { PATH: process.env.PATH, ...ENV },
        stdio: "ignore",
      });
      const exited = new Promise((r) => child.once("exit", r));
      await new Promise((r) => setTimeout(r, 80 + random() * 500));
      child.kill("SIGKILL");
      await exited;
    }
    const requestsDir = join(store, "requests");
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const name of existsSync(requestsDir) ? readdirSync(requestsDir).filter((n) => n.startsWith(".")) : []) utimesSync(join(requestsDir, name), hourAgo, hourAgo);
    expect(cliBounded(["request", ...fe, "--store", store, "--out", join(dir, "after.req")], { env: ENV }).code).toBe(0);
    const listed = JSON.parse(cliBounded(["list", "--store", store, "--json"]).out);
    expect(listed.damaged).toEqual([]);
    expect(listed.leftovers).toEqual([]);
    for (const r of listed.requests) for (const f of ["key.p8.pem", "request.req", "request.json"]) expect(existsSync(join(requestsDir, r.id, f))).toBe(true);
  }, 120_000);
});
