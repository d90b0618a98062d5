import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
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
    expect(again.rows[0]).toMatchObject({ verdict: "valid", current: true });
  });
});
