import { spawnSync } from "node:child_process";
import { promises as fsp, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readInputFile } from "../../src-main/services/files/input-file";
import { cliBounded, expectContract } from "../helpers/cli";
import { useTempDirs } from "../helpers/temp-dir";
import { findPython } from "../helpers/test-tools";

const PYTHON = findPython() ?? "python3";

const tempDir = useTempDirs();
const CROWDED = fileURLToPath(new URL("../helpers/crowded-bundle.py", import.meta.url));
const STORE_ENV = { LYNCCERT_PASSPHRASE: "bounded-inputs-passphrase" };

afterEach(() => vi.restoreAllMocks());

describe("stat, then read: a file is opened once and its handle checked and read", () => {
  it("a path flipped to /dev/zero or a FIFO right after it was looked at is read as the file it was, bounded", async () => {
    for (const target of ["/dev/zero", "fifo"]) {
      const dir = tempDir();
      writeFileSync(join(dir, "real.pem"), "the certificate");
      if (target === "fifo") spawnSync("mkfifo", [join(dir, "fifo")]);
      const link = join(dir, "answer.pem");
      symlinkSync(join(dir, "real.pem"), link);
      const flip = () => {
        unlinkSync(link);
        symlinkSync(target === "fifo" ? join(dir, "fifo") : target, link);
      };
      // The swap happens at the first look at the path, whichever call makes it.
      let flipped = false;
      for (const name of ["stat", "lstat", "open", "access"] as const) {
        const real = fsp[name].bind(fsp) as (...a: unknown[]) => Promise<unknown>;
        vi.spyOn(fsp, name).mockImplementation((async (...args: unknown[]) => {
          const result = await real(...args);
          if (!flipped && args[0] === link) {
            flipped = true;
            flip();
          }
          return result;
        }) as never);
      }
      const bytes = await readInputFile(link, { field: link, kind: "a certificate file", maxBytes: 1024 });
      expect(bytes.toString()).toBe("the certificate");
      vi.restoreAllMocks();
    }
  });

  it("a FIFO, /dev/zero and a file larger than its limit are refused at once, naming the path", async () => {
    const dir = tempDir();
    spawnSync("mkfifo", [join(dir, "fifo.pem")]);
    writeFileSync(join(dir, "big.pem"), Buffer.alloc(2048, 0x41));
    await expect(readInputFile(join(dir, "fifo.pem"), { field: "f", kind: "a certificate file", maxBytes: 1024 })).rejects.toThrow(`${join(dir, "fifo.pem")}: is not a file`);
    await expect(readInputFile("/dev/zero", { field: "f", kind: "a certificate file", maxBytes: 1024 })).rejects.toThrow("/dev/zero: is not a file");
    await expect(readInputFile(join(dir, "big.pem"), { field: "f", kind: "a certificate file", maxBytes: 1024 })).rejects.toThrow(
      `${join(dir, "big.pem")}: 2048 bytes is too large for a certificate file (limit 1024)`,
    );
  });
});

describe("work bounded, not only bytes: each input answered in seconds or refused with its limit named", () => {
  it("a PEM of 1,000 leaves and 3,000 same-named CAs without key ids is refused by its count; 999 leaves among same-named CAs finish", () => {
    const dir = tempDir();
    const crowded = join(dir, "crowded.pem");
    spawnSync(PYTHON, [CROWDED, "1000", "3000", crowded]);
    const refused = cliBounded(["import", crowded, "--store", join(dir, "store")], { env: STORE_ENV, timeoutMs: 30_000 });
    expectContract(refused);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/crowded\.pem: holds 4000 certificates; LyncCert reads at most 1000 from one file/);

    const many = join(dir, "many.pem");
    spawnSync(PYTHON, [CROWDED, "968", "32", many]);
    const r = cliBounded(["import", many, "--store", join(dir, "store"), "--json"], { env: STORE_ENV, timeoutMs: 60_000, heapMb: 512 });
    expectContract(r, 64 * 1024 * 1024);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.rows).toHaveLength(968);
    // One notice names a few of the CAs off the path, not every one of them for every leaf.
    const notices = result.rows[0].report.findings.filter((f: { message: string }) => /given but not on this certificate's path/.test(f.message));
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/and 27 more were given/);
  });

  it("a folder of answers over the total size limit is refused before anything is read", () => {
    const dir = tempDir();
    const answers = join(dir, "answers");
    mkdirSync(answers);
    for (let i = 0; i < 9; i++) writeFileSync(join(answers, `bundle${i}.pem`), Buffer.alloc(8 * 1024 * 1024 - 1, 0x20));
    const r = cliBounded(["import", answers, "--store", join(dir, "store")], { env: STORE_ENV, timeoutMs: 30_000 });
    expectContract(r);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the files to import come to more than 64 MB \(at .*bundle8\.pem\)/);
  });

  it("topologies: 200 levels deep, one element with a million attributes, and 50,000 clusters that make no readable site file", () => {
    const dir = tempDir();
    const deep = join(dir, "deep.tbxml");
    writeFileSync(deep, `<TopologyBuilder>${"<a>".repeat(200)}${"</a>".repeat(200)}</TopologyBuilder>`);
    const wide = join(dir, "wide.tbxml");
    writeFileSync(wide, `<TopologyBuilder><Cluster ${Array.from({ length: 1_000_000 }, (_, i) => `a${i}="1"`).join(" ")} /></TopologyBuilder>`);
    const big = join(dir, "big.tbxml");
    const clusters = Array.from(
      { length: 50_000 },
      (_, i) => `<Cluster UniqueId="c${i}" Fqdn="pool${i}.contoso.net"><Machines><Machine Fqdn="fe${i}.contoso.net" /></Machines></Cluster>`,
    );
    const services = Array.from({ length: 50_000 }, (_, i) => `<Service RoleName="UserServices" InstalledOn="c${i}" />`);
    writeFileSync(
      big,
      `<TopologyBuilder><InternalDomains DefaultDomain="contoso.com" /><Clusters>${clusters.join("")}</Clusters><Services>${services.join("")}</Services></TopologyBuilder>`,
    );
    const cases: [string, RegExp][] = [
      [deep, /deep\.tbxml: not a topology LyncCert can read \(Maximum nested tags exceeded/],
      [wide, /wide\.tbxml: an element at character 17 has a start tag over 65536 characters/],
      [big, /big\.tbxml: its 50000 pools make a site file of \d+ bytes, larger than a site file can be \(limit 1000000\)/],
    ];
    for (const [file, message] of cases) {
      const r = cliBounded(["topology", "import", file, "--out", join(dir, "site.json")], { timeoutMs: 30_000, heapMb: 1024 });
      expectContract(r);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});
