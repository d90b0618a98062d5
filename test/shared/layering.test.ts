import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((f) => {
    const p = join(abs, f);
    if (statSync(p).isDirectory()) return sources(relative(root, p));
    return /\.(ts|svelte)$/.test(f) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Where an import lands: a package name, or a top-level folder of ours. */
function target(file: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  return relative(root, resolve(file, "..", spec)).split(/[\\/]/)[0]!;
}

describe("layering (STYLE.md): shared ← src-main, shared ← src-renderer", () => {
  it("shared/ imports no Node built-in, no Electron, no DOM library and nothing of ours outside shared", () => {
    const bad = sources("shared").flatMap((f) =>
      imports(f)
        .filter((s) => /^(node:|electron|fs$|path$|crypto$|child_process$|os$)/.test(s) || (s.startsWith(".") && target(f, s) !== "shared") || s === "svelte")
        .map((s) => `${relative(root, f)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("shared/ touches no Node or DOM global (process, Buffer, require, window, document)", () => {
    const bad = sources("shared").filter((f) => /\b(process\.|Buffer\.|require\(|window\.|document\.)/.test(readFileSync(f, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")));
    expect(bad.map((f) => relative(root, f))).toEqual([]);
  });

  it("src-main/ never imports the renderer", () => {
    const bad = sources("src-main").flatMap((f) =>
      imports(f)
        .filter((s) => s.startsWith(".") && target(f, s) === "src-renderer")
        .map((s) => `${relative(root, f)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("src-renderer/ imports only shared/ and the bridge contract, never Node or Electron", () => {
    const bad = sources("src-renderer").flatMap((f) =>
      imports(f)
        .filter((s) => /^(node:|electron)/.test(s) || (s.startsWith(".") && !["shared", "src-renderer"].includes(target(f, s)) && !s.includes("bridge-contract")))
        .map((s) => `${relative(root, f)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });
});

describe("the layering rule is a lint rule as well (eslint.config.js)", () => {
  it("refuses Node in shared/ and main in the renderer, and allows shared/ in both", async () => {
    const { ESLint } = await import("eslint");
    const eslint = new ESLint({ cwd: root });
    const lint = async (file: string, code: string) =>
      (await eslint.lintText(code, { filePath: join(root, file) }))[0]!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
    expect(await lint("shared/codec/pem.ts", 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n')).toEqual([
      expect.stringContaining("shared/ is pure TypeScript"),
    ]);
    expect(await lint("shared/codec/pem.ts", 'import { createHash } from "crypto";\nexport const y = createHash;\n')).toHaveLength(1);
    expect(await lint("src-renderer/lib/bridge.ts", 'import { Keystore } from "../../src-main/services/keystore/keystore";\nexport const z = Keystore;\n')).toEqual([
      expect.stringContaining("only through the bridge"),
    ]);
    expect(await lint("src-renderer/lib/bridge.ts", 'import { keyWarnings } from "../../shared/crypto/key-warnings";\nexport const w = keyWarnings;\n')).toEqual([]);
  }, 60_000);
});
