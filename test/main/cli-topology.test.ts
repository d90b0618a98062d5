import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const TBXML = fileURLToPath(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url));

describe("lynccert topology import", () => {
  it("writes a site file that plan accepts, says what it assumed, and never overwrites one silently", async () => {
    const dir = tempDir();
    const out = join(dir, "site.json");
    const r = await cli(["topology", "import", TBXML, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Topology Builder document \(\.tbxml\); site file written to/);
    expect(r.err).toMatch(/Assumed or left out:\n {2}- FE-COLLOCATED-MED/);
    const plan = JSON.parse((await cli(["plan", "--site", out, "--role", "front-end", "--server", "fe02.fabrikam.net", "--json"])).out);
    expect(plan.cn).toBe("fepool.fabrikam.net");
    expect(plan.san.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(["meet.litwareinc.com", "webext.fabrikam.com"]));
    writeFileSync(out, "{}");
    expect((await cli(["topology", "import", TBXML, "--out", out])).err).toMatch(/site.json already exists/);
    expect(readFileSync(out, "utf8")).toBe("{}");
  });

  it("refuses entity tricks and wrong documents with exit 2", async () => {
    const dir = tempDir();
    const evil = join(dir, "evil.xml");
    writeFileSync(evil, '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><Topology>&x;</Topology>');
    expect(await cli(["topology", "import", evil])).toMatchObject({ code: 2, err: expect.stringMatching(/evil.xml: contains a DOCTYPE or ENTITY declaration/) });
    expect((await cli(["topology", "export", evil])).err).toMatch(/usage: lynccert topology import FILE/);
  });
});
