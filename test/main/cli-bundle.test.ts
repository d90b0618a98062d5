import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src-main/cli/command-index";
import { BIN, cliProcess } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const DIST = fileURLToPath(new URL("../../dist/cli", import.meta.url));

/** The files of dist/cli a run of the built CLI loaded (Node's CommonJS cache at exit). */
function loadedFiles(args: string[]): string[] {
  const hook = join(tempDir(), "list-loaded.cjs");
  writeFileSync(hook, `process.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(Object.keys(require.cache))));`);
  const r = spawnSync(process.execPath, ["--require", hook, BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH } });
  const files = JSON.parse(r.stderr.slice(r.stderr.lastIndexOf("LOADED ") + 7)) as string[];
  return files
    .filter((f) => f.startsWith(DIST))
    .map((f) => relative(DIST, f))
    .sort();
}

// The start-up figures are the bench's (`npm run bench -- startup`); these hold the shape that gives them.
describe("the bundled CLI: an entry with the command index, a file per command (issue 13)", () => {
  it("--help loads the entry alone, no command", () => {
    expect(loadedFiles(["--help"])).toEqual(["errors.cjs", "lynccert.cjs"]);
  });

  it("plan loads its own command file and nothing else", () => {
    expect(loadedFiles(["plan", "--site", EXAMPLE_SITE_PATH, "--role", "front-end", "--server", "fe01.contoso.net"])).toEqual(["commands/plan.cjs", "errors.cjs", "lynccert.cjs"]);
  });

  it.each(COMMANDS.map((c) => c.name))("%s loads from its built file and prints its usage", (name) => {
    const r = cliProcess([name, "--help"]);
    expect(r.err).toBe("");
    expect(r.out).toContain(`Usage: lynccert ${name}`);
  });

  it("an input error raised inside a command's file keeps exit 2 and its one-line message (one InputError class for all files)", () => {
    const r = cliProcess(["plan", "--site", EXAMPLE_SITE_PATH, "--role", "front-end", "--server", "nosuch.contoso.net"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lynccert plan: /);
    expect(r.err).not.toContain("unexpected error");
  });
});
