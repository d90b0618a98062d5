import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const site = ["--site", EXAMPLE_SITE_PATH];

describe("whole-topology batch", () => {
  it("plan --all lists every certificate the topology needs, combined or separate", async () => {
    const combined = JSON.parse((await cli(["plan", ...site, "--all", "--json"])).out);
    expect(combined.map((p: { role: string; server: string | null }) => `${p.role} ${p.server}`)).toEqual([
      "standard-edition se01.contoso.net",
      "front-end fe01.contoso.net",
      "front-end fe02.contoso.net",
      "front-end fe03.contoso.net",
      "director dir01.contoso.net",
      "director dir02.contoso.net",
      "mediation medsvr01.contoso.net",
      "mediation medsvr02.contoso.net",
      "survivable-branch-appliance sba01.contoso.net",
      "edge-external lsedge.contoso.net",
      "edge-internal lsedge.contoso.net",
      "reverse-proxy null",
      "persistent-chat pchat01.contoso.net",
      "oauth-token-issuer null",
      "office-web-apps null",
    ]);
    const separate = JSON.parse((await cli(["plan", ...site, "--all", "--separate", "--json"])).out);
    expect(separate).toHaveLength(27);
    expect(separate.filter((p: { server: string; types: string[] }) => p.server === "fe02.contoso.net").map((p: { types: string[] }) => p.types)).toEqual([
      ["Default"],
      ["WebServicesInternal"],
      ["WebServicesExternal"],
    ]);
  });

  it("--all excludes naming one certificate", async () => {
    expect((await cli(["plan", ...site, "--all", "--role", "front-end"])).err).toMatch(/--all plans every certificate of the site; leave --role out/);
    expect((await cli(["plan", ...site, "--role", "front-end", "--separate"])).err).toMatch(/--separate goes with --all/);
  });

  it("request --all makes every request in the store and a .req each that openssl verifies; OAuth stays RSA", async () => {
    const dir = tempDir();
    const r = await cli(["request", ...site, "--all", "--key", "p256", "--store", join(dir, "store"), "--out-dir", join(dir, "reqs"), "--json"], {
      LYNCCERT_PASSPHRASE: "batch-passphrase",
    });
    expect(r.code).toBe(0);
    const { results, failed } = JSON.parse(r.out);
    expect(failed).toBe(0);
    expect(results).toHaveLength(15);
    expect(results.find((x: { request: { role: string } }) => x.request.role === "oauth-token-issuer").note).toBe("OAUTH-KEY-2048: RSA 2048 instead of p256");
    const files = readdirSync(join(dir, "reqs"));
    expect(files).toHaveLength(15);
    for (const f of files) {
      const text = openssl(["req", "-in", join(dir, "reqs", f), "-verify", "-noout", "-text"]);
      expect(text).toContain("self-signature verify OK");
      expect(text).toMatch(f.startsWith("oauth") ? /sha256WithRSAEncryption/ : /ecdsa-with-SHA256/);
    }
    expect(JSON.parse((await cli(["list", "--store", join(dir, "store"), "--json"])).out).requests).toHaveLength(15);
  });
});
