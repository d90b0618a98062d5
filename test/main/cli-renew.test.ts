import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH, exampleSiteJson } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "renew-test-passphrase" };

/** A request answered by the CA with a certificate that expires in `days`, imported. */
async function issued(dir: string, role: string, server: string | undefined, days: number) {
  const store = join(dir, "store");
  const req = join(dir, `${role}.req`);
  const made = JSON.parse(
    (await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", role, ...(server ? ["--server", server] : []), "--store", store, "--out", req, "--json"], ENV)).out,
  );
  const ca = TestCa.create(join(dir, "ca"));
  const leaf = ca.issue(req, join(dir, `${role}.pem`), { san: made.plan.san.map((n: { name: string }) => n.name), eku: made.plan.eku.join(","), days });
  expect((await cli(["import", leaf, "--store", store])).code).toBe(0);
  return { store, id: made.id as string };
}

describe("lynccert renew", () => {
  it("makes a new key and request from the same plan re-derived from today's site, and names what changed", async () => {
    const dir = tempDir();
    const { store, id } = await issued(dir, "front-end", "fe01.contoso.net", 10);
    const grown = exampleSiteJson();
    grown.sipDomains.push("litwareinc.com");
    grown.simpleUrls.meet.push("meet.litwareinc.com");
    const site = join(dir, "grown.site.json");
    writeFileSync(site, JSON.stringify(grown));

    const out = join(dir, "renewal.req");
    const r = await cli(["renew", id, "--site", site, "--store", store, "--out", out], ENV);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        `^Request front-end-fe01-\\S+ renews ${id}; saved to ${out.replace(/[.]/g, "\\.")}\\.\\nSubject: unchanged\\.\\nNames added \\(the site needs them now\\): .*sip\\.litwareinc\\.com`,
      ),
    );
    expect(r.out).toContain("meet.litwareinc.com");
    expect(r.out).toContain("When the CA answers: import it and export it with --ps1");
    const text = openssl(["req", "-in", out, "-verify", "-noout", "-text"]);
    expect(text).toContain("Certificate request self-signature verify OK");
    expect(text).toContain("DNS:sip.litwareinc.com");
    const list = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(list.requests).toHaveLength(2);
  });

  it("an A/V Authentication certificate is renewed to be staged with -Roll (EDGE-AV-ROLL-LEAD)", async () => {
    const dir = tempDir();
    const { store, id } = await issued(dir, "edge-external", undefined, 5);
    const r = JSON.parse((await cli(["renew", id, "--site", EXAMPLE_SITE_PATH, "--store", store, "--out", join(dir, "av.req"), "--json"], ENV)).out);
    expect(r).toMatchObject({ renews: id });
    expect(r.changes).toEqual({ added: [], removed: [], roll: { hours: 8, rule: "EDGE-AV-ROLL-LEAD" } });
    const text = (await cli(["renew", id, "--site", EXAMPLE_SITE_PATH, "--store", store, "--out", join(dir, "av2.req")], ENV)).out;
    expect(text).toContain("run the script with -Roll: the new certificate takes effect 8 hours before the old one expires (EDGE-AV-ROLL-LEAD)");
  });

  it("an unknown id and a missing --out are bad input (exit 2)", async () => {
    const dir = tempDir();
    expect((await cli(["renew", "front-end-x-20260101-aaaaaa", "--site", EXAMPLE_SITE_PATH, "--store", dir, "--out", join(dir, "x.req")], ENV)).err).toMatch(
      /no request front-end-x-20260101-aaaaaa in/,
    );
    expect((await cli(["renew", "x", "--site", EXAMPLE_SITE_PATH, "--store", dir], ENV)).code).toBe(2);
  });
});
