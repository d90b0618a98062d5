import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { useTempDirs } from "../helpers/temp-dir";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/zlint-testdata", import.meta.url));
const tempDir = useTempDirs();

/** Deterministic bytes, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s & 0xff;
  };
}

async function expectCleanOutcome(args: string[]): Promise<number> {
  const r = await cli(args);
  expect([0, 1, 2], `${args[1]}: exit ${r.code} ${r.err}`).toContain(r.code);
  expect(r.err, args[1]).not.toMatch(/unexpected error|\n\s+at /);
  if (r.code === 2) expect(r.err.trim().split("\n"), args[1]).toHaveLength(1);
  else expect(JSON.parse(r.out).certificate.thumbprint).toMatch(/^[0-9A-F]{40}$/);
  return r.code;
}

describe("verify never crashes", () => {
  it.skipIf(!existsSync(CORPUS))(
    "on any of the zlint corpus files: a report, or one clean line of 'cannot use this input'",
    async () => {
      const files = readdirSync(CORPUS).filter((f) => f.endsWith(".pem"));
      expect(files.length).toBeGreaterThan(1000);
      const codes = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
      for (const f of files) codes[await expectCleanOutcome(["verify", join(CORPUS, f), "--json", "--store", "/nonexistent"])]!++;
      // The corpus is mostly certificates with defects, plus CRLs that are not certificates.
      expect(codes[1]).toBeGreaterThan(500);
      expect(codes[2]).toBeGreaterThan(10);
    },
    300_000,
  );

  it("on random bytes and on every truncation of a real certificate", async () => {
    const dir = tempDir();
    const next = prng(2026);
    for (let i = 0; i < 100; i++) {
      const file = join(dir, `random-${i}.cer`);
      const bytes = Buffer.from(Array.from({ length: 1 + ((i * 37) % 3000) }, next));
      if (i % 3 === 0) bytes[0] = 0x30;
      writeFileSync(file, bytes);
      expect(await expectCleanOutcome(["verify", file, "--json"])).toBe(2);
    }
    const sample = existsSync(CORPUS)
      ? readFileSync(
          join(
            CORPUS,
            readdirSync(CORPUS).find((f) => f.endsWith(".pem") && readFileSync(join(CORPUS, f), "utf8").includes("BEGIN CERTIFICATE"))!,
          ),
          "utf8",
        )
      : "";
    const der = Buffer.from(sample.replace(/-----[^-]+-----|\s/g, ""), "base64");
    for (let cut = 0; cut < der.length; cut += Math.max(1, Math.floor(der.length / 150))) {
      const file = join(dir, `cut-${cut}.cer`);
      writeFileSync(file, der.subarray(0, cut));
      await expectCleanOutcome(["verify", file, "--json"]);
    }
  }, 120_000);
});
