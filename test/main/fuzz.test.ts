import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writePfx } from "../../src-main/services/pkcs12/pfx-writer";
import { cli, type CliRun } from "../helpers/cli";
import { selfSigned } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PFX_PASSWORD: "Correct-Horse-42" };
const SEED = 20261125;

/** A small deterministic generator, so a failing input can be made again from the seed and its index. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)]! };
}

/** Flips, cuts, duplicates or splices bytes of a valid input: what a careless copy or an attacker sends. */
function mutate(bytes: Uint8Array, g: ReturnType<typeof generator>): Uint8Array {
  const b = Buffer.from(bytes);
  switch (g.int(5)) {
    case 0:
      for (let k = 0; k < 1 + g.int(8); k++) b[g.int(b.length)] = g.int(256);
      return b;
    case 1:
      return b.subarray(0, g.int(b.length));
    case 2: {
      const at = g.int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at - Math.min(at, 40), at), b.subarray(at)]);
    }
    case 3: {
      const at = g.int(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), b.subarray(at)]);
    }
    default:
      return Buffer.from(Array.from({ length: 1 + g.int(300) }, () => g.int(256)));
  }
}

/** The CLI's contract: exit 0, 1 or 2, no stack trace, a bounded answer. */
function expectContract(r: CliRun, input: string): void {
  expect([0, 1, 2], `${input}: exit ${r.code} ${r.err.slice(0, 300)}`).toContain(r.code);
  expect(r.err, input).not.toMatch(/\n\s+at .+:\d+:\d+/);
  // A damaged file is bad input, named as such: "unexpected error" would mean a path that was never thought through.
  expect(r.err, input).not.toContain("unexpected error");
  expect(r.out.length + r.err.length, input).toBeLessThan(64 * 1024);
  if (r.code === 2) expect(r.err.trim().length, input).toBeGreaterThan(0);
}

const seeds: Record<string, Uint8Array> = {};

beforeAll(async () => {
  const dir = tempDir();
  const { certFile, pkcs8, der } = selfSigned(dir, "/CN=sip.contoso.com", undefined, ["-addext", "subjectAltName=DNS:sip.contoso.com"]);
  seeds.site = readFileSync(EXAMPLE_SITE_PATH);
  seeds.pem = readFileSync(certFile);
  seeds.der = der;
  seeds.p7b = execFileSync("openssl", ["crl2pkcs7", "-nocrl", "-certfile", certFile, "-outform", "DER"]);
  seeds.pfx = await writePfx({ privateKey: pkcs8, certificates: [der], friendlyName: "fuzz" }, ENV.LYNCCERT_PFX_PASSWORD, "compat");
  seeds.topology = readFileSync(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url));
}, 60_000);

/** Which command reads each kind of input. */
const COMMANDS: Record<string, (file: string) => string[]> = {
  site: (f) => ["plan", "--site", f, "--role", "front-end", "--server", "fe01.contoso.net"],
  pem: (f) => ["verify", f],
  der: (f) => ["verify", f],
  p7b: (f) => ["verify", f],
  pfx: (f) => ["inspect", f],
  topology: (f) => ["topology", "import", f, "--out", `${f}.site.json`],
};

describe(`seeded fuzz of every input the CLI reads (seed ${SEED})`, () => {
  it.each(Object.keys(COMMANDS))(
    "%s: 60 mutated inputs each get exit 0/1/2 and one clear answer",
    async (kind) => {
      const g = generator(SEED + kind.length);
      const dir = tempDir();
      for (let i = 0; i < 60; i++) {
        const file = join(dir, `${kind}-${i}`);
        writeFileSync(file, mutate(seeds[kind]!, g));
        const r = await cli(COMMANDS[kind]!(file), ENV);
        expectContract(r, `${kind} #${i} (seed ${SEED})`);
      }
    },
    120_000,
  );
});
