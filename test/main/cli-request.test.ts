import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src-main/cli/command-index";
import { cli, cliProcess } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "correct horse battery" };
const site = ["--site", EXAMPLE_SITE_PATH];

describe("lynccert CLI (issue 2)", () => {
  it.each(COMMANDS.map((c) => c.name))("%s --help prints its usage", async (name) => {
    const r = await cli([name, "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: lynccert ${name}`);
  });

  it("roles --json lists all eleven certificate roles", async () => {
    const roles = JSON.parse((await cli(["roles", "--json"])).out);
    expect(roles.map((r: { id: string }) => r.id)).toEqual([
      "standard-edition",
      "front-end",
      "director",
      "mediation",
      "survivable-branch-appliance",
      "edge-external",
      "edge-internal",
      "reverse-proxy",
      "persistent-chat",
      "oauth-token-issuer",
      "office-web-apps",
    ]);
  });

  it("plan --json has the documented shape", async () => {
    const r = await cli(["plan", ...site, "--role", "front-end", "--server", "fe01.contoso.net", "--types", "default,webservicesinternal", "--json"]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(["role", "server", "types", "cn", "san", "exportableKey", "notes"]));
    expect(plan.types).toEqual(["Default", "WebServicesInternal"]);
    expect(plan.san[0]).toEqual({ name: "pool01.contoso.net", rules: ["FE-DEFAULT-SAN-POOL", "FE-WEBINT-SAN-INTWEB", "FE-WEBINT-SAN-POOL"] });
  });

  it.each([
    [["--key", "rsa1024"], /--key rsa1024: refused \(COMMON-KEY-LEN\)/],
    [["--hash", "sha1"], /--hash sha1: refused \(COMMON-SIG-ALG\)/],
    [["--hash", "md5"], /--hash md5: refused \(COMMON-SIG-ALG\)/],
    [["--hash", "pss"], /--hash pss: refused \(COMMON-NO-PSS\)/],
    [["--key", "rsa-pss"], /--key rsa-pss: refused \(COMMON-NO-PSS\)/],
    [["--subject", "C=USA"], /C must be a two-letter/],
  ])("request %j is refused with exit 2 and the rule id", async (extra, message) => {
    const dir = tempDir();
    const r = await cli(["request", ...site, "--role", "front-end", "--server", "fe01.contoso.net", "--store", dir, "--out", join(dir, "x.req"), ...extra], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split("\n")).toHaveLength(1);
  });

  it("OAUTH-KEY-2048: an EC key is refused for the OAuthTokenIssuer certificate", async () => {
    const dir = tempDir();
    const r = await cli(["request", ...site, "--role", "oauth-token-issuer", "--key", "p256", "--store", dir, "--out", join(dir, "o.req")], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toContain("OAUTH-KEY-2048");
  });

  it("bad input gets exit 2 and one line naming the cause", async () => {
    const dir = tempDir();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"sipDomains": ["contoso.com"],');
    expect(await cli(["plan", "--site", bad, "--role", "front-end"])).toMatchObject({ code: 2, err: expect.stringMatching(/bad.json: not valid JSON/) });
    expect(await cli(["plan", "--site", join(dir, "missing.json"), "--role", "front-end"])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/missing.json: cannot read the site file \(ENOENT\)/),
    });
    expect(await cli(["plan", ...site, "--role", "frontend"])).toMatchObject({ code: 2, err: expect.stringMatching(/--role frontend: unknown role/) });
    expect(await cli(["plan", ...site, "--role", "front-end", "--bogus"])).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option '--bogus'/) });
    expect(await cli(["request", ...site, "--role", "edge-internal", "--store", dir, "--out", join(dir, "e.req")])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/no keystore passphrase: set LYNCCERT_PASSPHRASE/),
    });
    expect(await cli(["request", ...site, "--role", "edge-internal", "--store", dir, "--out", join(dir, "e.req")], { LYNCCERT_PASSPHRASE: "short" })).toMatchObject({
      code: 2,
      err: expect.stringMatching(/at least 8 characters/),
    });
  });

  it("an invalid --template is refused alike by request and inf (exit 2, COMMON-TEMPLATE), before any key is made", async () => {
    const dir = tempDir();
    for (const template of ["T".repeat(65), "Web\r\nServer", 'Web"Server', ""]) {
      const req = await cli(["request", ...site, "--role", "edge-internal", "--store", join(dir, "store"), "--template", template, "--out", join(dir, "e.req")], ENV);
      expect(req).toMatchObject({ code: 2, err: expect.stringMatching(/--template: .*is not a template name.*\(COMMON-TEMPLATE\)/) });
      const inf = await cli(["inf", ...site, "--role", "edge-internal", "--template", template, "--out", join(dir, "e.inf")]);
      expect(inf).toMatchObject({ code: 2, err: expect.stringMatching(/--template: .*\(COMMON-TEMPLATE\)/) });
    }
    expect(existsSync(join(dir, "store"))).toBe(false);
  });

  it("what the user typed is echoed without its control characters (no ANSI escapes, no CR)", async () => {
    const r = await cli(["plan", ...site, "--role", "\u001b[2J\u001b[31mfront\rend"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("?[2J?[31mfront?end");
    expect(r.err.includes("\u001b") || r.err.includes("\r")).toBe(false);
    expect((await cli(["\u001b]0;title\u0007"])).err).toContain('unknown command "?]0;title?"');
  });

  it("the bundled binary makes a request, lists it, and its .req passes openssl; errors carry no stack trace", () => {
    const dir = tempDir();
    const out = join(dir, "edge.req");
    const made = cliProcess(["request", ...site, "--role", "edge-external", "--key", "p256", "--store", dir, "--out", out, "--json"], ENV);
    expect(made.err).toBe("");
    expect(made.code).toBe(0);
    const { id } = JSON.parse(made.out);
    expect(id).toMatch(/^edge-external-lsedge-\d{8}-[0-9a-f]{6}$/);
    const text = openssl(["req", "-in", out, "-verify", "-noout", "-text"]);
    expect(text).toContain("ecdsa-with-SHA256");
    expect(text).toContain("DNS:sip.contoso.com, DNS:webcon.contoso.com, DNS:sip.fabrikam.com, DNS:contoso.com, DNS:xmpp.contoso.com");
    const list = JSON.parse(cliProcess(["list", "--store", dir, "--json"]).out);
    expect(list.requests).toEqual([expect.objectContaining({ id, status: "pending", role: "edge-external", cn: "sip.contoso.com", key: "p256" })]);
    const again = cliProcess(["request", ...site, "--role", "edge-external", "--store", dir, "--out", out], ENV);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/edge.req already exists/);
    expect(again.err).not.toMatch(/\n\s+at /);
  });
});

describe("one passphrase per keystore", () => {
  it("a second key under another passphrase is refused before it is made, naming the store; the same passphrase is accepted (single and --all)", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const base = ["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", store];
    expect((await cli([...base, "--out", join(dir, "a.req")], { LYNCCERT_PASSPHRASE: "the-first-passphrase" })).code).toBe(0);
    const typo = await cli([...base, "--out", join(dir, "b.req")], { LYNCCERT_PASSPHRASE: "the-first-passphrasf" });
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(
      new RegExp(`^lynccert request: wrong keystore passphrase: it does not open the key of request edge-internal-\\S+ in ${store}; a keystore keeps one passphrase`),
    );
    expect(existsSync(join(dir, "b.req"))).toBe(false);
    const batch = await cli(["request", "--all", "--site", EXAMPLE_SITE_PATH, "--store", store], { LYNCCERT_PASSPHRASE: "another-passphrase" });
    expect(batch.code).toBe(2);
    expect(JSON.parse((await cli(["list", "--store", store, "--json"])).out).requests).toHaveLength(1);
    expect((await cli([...base, "--out", join(dir, "c.req")], { LYNCCERT_PASSPHRASE: "the-first-passphrase" })).code).toBe(0);
  });
});

describe("the keystore key of a new request", () => {
  it("is derived once: the derivation that opened the newest key encrypts the new one (same salt and iterations, fresh IV)", async () => {
    const { encryptedKeyParameters } = await import("../../src-main/services/crypto/pbes2");
    const { parsePemBlocks } = await import("../../shared/codec/pem");
    const { readFileSync, readdirSync } = await import("node:fs");
    const dir = tempDir();
    const store = join(dir, "store");
    for (const out of ["a.req", "b.req"]) expect((await cli(["request", ...site, "--role", "edge-internal", "--store", store, "--out", join(dir, out)], ENV)).code).toBe(0);
    const params = readdirSync(join(store, "requests")).map((id) =>
      encryptedKeyParameters(parsePemBlocks(readFileSync(join(store, "requests", id, "key.p8.pem"), "utf8"))[0]!.der, id),
    );
    expect(params[0]!.salt).toEqual(params[1]!.salt);
    expect(params[0]!.iterations).toBe(600_000);
    expect(params[0]!.iv).not.toEqual(params[1]!.iv);
  });
});
