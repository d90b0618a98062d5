import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "correct horse battery" };
const fe = ["--site", EXAMPLE_SITE_PATH, "--role", "front-end", "--server", "fe01.contoso.net"];
const WARNING = /Warning \(LC-ECDSA-CNG\): ECDSA keys live only in a CNG key storage provider/;

describe("LC-ECDSA-CNG: every ECDSA plan, request, INF and certificate for Lync 2013 warns; RSA never does", () => {
  it("plan --key", async () => {
    expect((await cli(["plan", ...fe, "--key", "p256"])).out).toMatch(WARNING);
    expect(JSON.parse((await cli(["plan", ...fe, "--key", "p384", "--json"])).out).warnings[0].rule).toBe("LC-ECDSA-CNG");
    expect((await cli(["plan", ...fe, "--key", "rsa2048"])).out).not.toMatch(/LC-ECDSA-CNG/);
  });

  it("request and inf", async () => {
    const dir = tempDir();
    const req = await cli(["request", ...fe, "--key", "p256", "--store", join(dir, "store"), "--out", join(dir, "fe.req")], ENV);
    expect(req.code).toBe(0);
    expect(req.out).toMatch(WARNING);
    const inf = await cli(["inf", ...fe, "--key", "p521", "--out", join(dir, "fe.inf")]);
    expect(inf.out).toMatch(WARNING);
    expect(readFileSync(join(dir, "fe.inf")).toString("utf16le")).toContain("; WARNING (LC-ECDSA-CNG):");
    const rsa = await cli(["inf", ...fe, "--out", join(dir, "rsa.inf")]);
    expect(rsa.out).not.toMatch(/LC-ECDSA-CNG/);
  });

  it("verify: an ECDSA certificate issued exactly from the plan still carries the warning; its RSA twin does not", async () => {
    const dir = tempDir();
    const ca = TestCa.create(join(dir, "ca"));
    const results: Record<string, { rule: string; status: string }[]> = {};
    for (const key of ["p256", "rsa2048"]) {
      const csr = join(dir, `${key}.req`);
      const plan = JSON.parse((await cli(["request", ...fe, "--key", key, "--store", join(dir, "store"), "--out", csr, "--json"], ENV)).out).plan;
      const leaf = ca.issue(csr, join(dir, `${key}.pem`), {
        san: plan.san.map((n: { name: string }) => n.name),
        keyUsage: key === "p256" ? "critical,digitalSignature" : undefined,
      });
      const bundle = join(dir, `${key}-bundle.pem`);
      writeFileSync(bundle, [leaf, ca.intermediate, ca.root].map((f) => readFileSync(f, "utf8")).join(""));
      results[key] = JSON.parse((await cli(["verify", bundle, ...fe, "--json"])).out).findings;
    }
    expect(results.p256!.find((f) => f.rule === "LC-ECDSA-CNG")).toMatchObject({ status: "warning" });
    expect(results.rsa2048!.find((f) => f.rule === "LC-ECDSA-CNG")).toMatchObject({ status: "na" });
  });
});
