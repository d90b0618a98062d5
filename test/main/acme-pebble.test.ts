import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startBindForExample, startPebble, startPebbleWithDns, type Bind, type ChallTestSrv, type Pebble } from "../helpers/acme-servers";
import { cli, exampleRequest } from "../helpers/cli";
import { runCli } from "../../src-main/cli/main";
import { openssl } from "../helpers/openssl";
import { TestCa } from "../helpers/test-ca";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { tmpdir } from "node:os";

const tempDir = () => mkdtempSync(join(tmpdir(), "lynccert-acme-"));

const PASSPHRASE = "acme-pebble-passphrase";
const ENV = { LYNCCERT_PASSPHRASE: PASSPHRASE };

const request = (store: string, dir: string, role: string, server?: string) => exampleRequest({ store, dir, role, server, passphrase: PASSPHRASE });

/** The TXT values a DNS server gives for a name, or its error code (ENODATA once the record is removed). */
async function txtAt(server: string, name: string): Promise<string[][] | string> {
  const { Resolver } = await import("node:dns/promises");
  const resolver = new Resolver();
  resolver.setServers([server]);
  return resolver.resolveTxt(name).catch((e: NodeJS.ErrnoException) => e.code!);
}

/** The admin's DNS hook: sets the TXT record in pebble-challtestsrv through its management API, and logs each call. */
function writeHook(dir: string, challtestsrv: ChallTestSrv): { command: string; log: string } {
  const log = join(dir, "hook.log");
  const hook = join(dir, "hook.mjs");
  writeFileSync(
    hook,
    `import { appendFileSync } from "node:fs";
const [verb, name, value] = process.argv.slice(2);
appendFileSync(${JSON.stringify(log)}, verb + " " + name + " " + value + "\\n");
const path = verb === "add" ? "set-txt" : "clear-txt";
const r = await fetch(${JSON.stringify(challtestsrv.management)} + "/" + path, { method: "POST", body: JSON.stringify({ host: name + ".", value }) });
process.exit(r.ok ? 0 : 3);
`,
  );
  return { command: `"${process.execPath}" ${hook}`, log };
}

// Let's Encrypt's own test CA (Debian's pebble 2.4.0) and its DNS companion, started here on free ports.
describe("ACME with the real pebble: account, dns-01 through the admin's hook, the certificate imported", () => {
  const dir = tempDir();
  const store = join(dir, "store");
  let challtestsrv: ChallTestSrv;
  let pebble: Pebble;
  let stop: (() => void) | undefined;
  let edge: { id: string; plan: { san: { name: string }[] } };
  let mediationId: string;
  const acme = (args: string[]) => cli(["acme", ...args, "--store", store], ENV);

  beforeAll(async () => {
    ({ pebble, challtestsrv, stop } = await startPebbleWithDns(dir));
    edge = await request(store, dir, "edge-external");
    mediationId = (await request(store, dir, "mediation", "medsvr01.contoso.net")).id;
  }, 60_000);
  afterAll(() => stop?.());

  it("account: the CA's terms are shown and must be agreed explicitly; the account key is kept encrypted and reused", async () => {
    const refused = await acme(["account", "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--email", "pki@contoso.com"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the CA's terms of service are \S+; read them, then agree with --agree-tos/);
    expect(readdirSync(store)).not.toContain("acme-accounts");

    const made = await acme(["account", "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--email", "pki@contoso.com", "--agree-tos", "--json"]);
    expect(made.code, made.err).toBe(0);
    const account = JSON.parse(made.out);
    expect(account).toMatchObject({ created: true, directory: pebble.directory, contact: ["mailto:pki@contoso.com"] });
    expect(account.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/my-account\//);
    const [file] = readdirSync(join(store, "acme-accounts"));
    const kept = JSON.parse(readFileSync(join(store, "acme-accounts", file!), "utf8"));
    // openssl opens the kept key with the keystore passphrase: PBES2, as the request keys.
    expect(kept.key).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(openssl(["pkey", "-passin", `pass:${PASSPHRASE}`, "-noout", "-text"], kept.key)).toContain("NIST CURVE: P-256");

    const again = await acme(["account", "--directory", pebble.directory, "--ca-file", pebble.tlsRoot]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toBe(`Account already kept for ${pebble.directory}: ${account.url} (terms agreed: ${kept.termsOfService})`);
  });

  it("a server whose TLS is not trusted, or that cannot be reached, is named within seconds", async () => {
    const started = Date.now();
    const untrusted = await acme(["account", "--directory", pebble.directory.replace("/dir", "/other"), "--agree-tos"]);
    expect(untrusted.code).toBe(2);
    expect(untrusted.err).toMatch(/the server's TLS certificate is not trusted \(\w+\); for a private ACME server give its root with --ca-file/);
    const closed = await freePort();
    const unreachable = await acme(["account", "--directory", `https://127.0.0.1:${closed}/dir`, "--agree-tos"]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toBe(`lynccert acme: https://127.0.0.1:${closed}/dir: cannot be reached (ECONNREFUSED)`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a request whose plan needs a private CA, with the reason, before anything is sent", async () => {
    const r = await acme(["order", mediationId, "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--dns-hook", "false"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `lynccert acme: request ${mediationId} is for the Stand-alone Mediation Server, which takes its certificate from your internal CA, not a public one over ACME`,
    );
  });

  it("orders the Edge external certificate: each TXT value placed by the hook and seen at the DNS server before validation, the chain imported; no CDP is COMMON-CDP (exit 1)", async () => {
    const hook = writeHook(dir, challtestsrv);
    const r = await acme(["order", edge.id, "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--dns-hook", hook.command, "--dns-check", challtestsrv.dns, "--json"]);
    expect(r.code, r.err).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.requestId).toBe(edge.id);
    // Pebble writes no CRL distribution point: rightly "needs re-issue" for Lync (COMMON-CDP).
    expect(result.state).toBe("needs-reissue");
    expect(result.findings).toContainEqual(expect.objectContaining({ rule: "COMMON-CDP", status: "error" }));
    expect(result.certificate.san.sort()).toEqual(edge.plan.san.map((n) => n.name).sort());
    // Every name: added, then removed after validation, by the hook.
    const calls = readFileSync(hook.log, "utf8").trim().split("\n");
    const names = edge.plan.san.map((n) => `_acme-challenge.${n.name}`).sort();
    expect(
      calls
        .filter((c) => c.startsWith("add "))
        .map((c) => c.split(" ")[1])
        .sort(),
    ).toEqual(names);
    expect(
      calls
        .filter((c) => c.startsWith("remove "))
        .map((c) => c.split(" ")[1])
        .sort(),
    ).toEqual(names);
    expect(calls.findIndex((c) => c.startsWith("remove "))).toBeGreaterThan(calls.findLastIndex((c) => c.startsWith("add ")));
    expect(r.err).toMatch(/: validated/);
    // Imported exactly as lynccert import does: the request now holds the issued certificate and its chain.
    const list = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(list.requests.find((x: { id: string }) => x.id === edge.id)).toMatchObject({ status: "issued" });
  }, 60_000);

  it("--dns-manual shows each record to create and waits until the DNS server serves it, then the CA validates", async () => {
    const edge2 = await request(store, dir, "edge-external");
    const shown: string[] = [];
    const created = new Set<string>();
    // The admin reads the records on the terminal and creates them at the DNS provider (pebble-challtestsrv's API).
    const err = (text: string) => {
      shown.push(text);
      const m = /^ {2}(_acme-challenge\.\S+) {2}TXT {2}"(\S+)"$/.exec(text);
      if (m && !created.has(m[1]!) && !shown.some((l) => l.startsWith("Done with the validation"))) {
        created.add(m[1]!);
        void fetch(`${challtestsrv.management}/set-txt`, { method: "POST", body: JSON.stringify({ host: `${m[1]}.`, value: m[2] }) });
      }
    };
    const out: string[] = [];
    const code = await runCli(
      ["acme", "order", edge2.id, "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--dns-manual", "--dns-check", challtestsrv.dns, "--store", store, "--json"],
      { out: (t) => out.push(t), err, env: ENV, stdinIsTty: false },
    );
    expect(code, shown.join("\n")).toBe(1);
    expect(shown[0]).toBe("Ordering sip.contoso.com, webcon.contoso.com, sip.fabrikam.com, contoso.com, xmpp.contoso.com from " + pebble.directory);
    expect(shown).toContain("Create these TXT records at your DNS provider (LyncCert waits until it sees them, at most 15 minutes):");
    expect(created.size).toBe(edge2.plan.san.length);
    // The records were made by hand: LyncCert says which to delete.
    expect(shown).toContain("Done with the validation: delete these TXT records again:");
    expect(JSON.parse(out.join("\n"))).toMatchObject({ requestId: edge2.id, state: "needs-reissue" });
  }, 60_000);

  it("a hook that fails is named with its exit code and output; the request stays as it was", async () => {
    const other = await request(store, dir, "reverse-proxy");
    const r = await acme([
      "order",
      other.id,
      "--directory",
      pebble.directory,
      "--ca-file",
      pebble.tlsRoot,
      "--dns-hook",
      `"${process.execPath}" -e "console.error('no API token'); process.exit(4)"`,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--dns-hook: ".* add _acme-challenge\.\S+ \S+" exited with 4: no API token/);
    const list = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(list.requests.find((x: { id: string }) => x.id === other.id)).toMatchObject({ status: "pending" });
  }, 60_000);
});

// A commercial CA's way (DigiCert, Sectigo, ZeroSSL): the ACME account is bound to the customer account.
describe("acme account with External Account Binding (pebble configured to require it)", () => {
  const dir = tempDir();
  const store = join(dir, "store");
  const HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
  let pebble: Pebble;
  let stop: (() => void) | undefined;
  const account = (...more: string[]) => cli(["acme", "account", "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--agree-tos", "--store", store, ...more], ENV);

  beforeAll(async () => {
    ({ pebble, stop } = await startPebbleWithDns(dir, { eab: { "kid-1": HMAC } }));
    writeFileSync(join(dir, "right.hmac"), `${HMAC}\n`);
    writeFileSync(join(dir, "wrong.hmac"), `${HMAC.slice(0, -4)}AAAA\n`);
  }, 60_000);
  afterAll(() => stop?.());

  it("says the CA requires EAB before anything is sent; a wrong MAC key is the CA's refusal; the right one makes the account", async () => {
    const without = await account();
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/this CA requires External Account Binding: give the key id and HMAC key from your CA account \(--eab-kid, --eab-hmac-file\)/);
    const half = await account("--eab-kid", "kid-1");
    expect(half.err).toMatch(/External Account Binding takes both --eab-kid and --eab-hmac-file/);
    const wrong = await account("--eab-kid", "kid-1", "--eab-hmac-file", join(dir, "wrong.hmac"));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/the ACME server refused \(\w+\): /);
    const right = await account("--eab-kid", "kid-1", "--eab-hmac-file", join(dir, "right.hmac"), "--json");
    expect(right.code, right.err).toBe(0);
    expect(JSON.parse(right.out)).toMatchObject({ created: true });
  });
});

// The renewal round, as the admin runs it every few months: every public certificate of the site that is due.
describe("acme renew: the public certificates of the site ordered, renewed when due, and the kits built", () => {
  const dir = tempDir();
  const store = join(dir, "store");
  let challtestsrv: ChallTestSrv;
  let pebble: Pebble;
  let stop: (() => void) | undefined;
  let hook: { command: string; log: string };
  const renew = (...more: string[]) =>
    cli(
      [
        "acme",
        "renew",
        "--site",
        EXAMPLE_SITE_PATH,
        "--directory",
        pebble.directory,
        "--ca-file",
        pebble.tlsRoot,
        "--dns-hook",
        hook.command,
        "--dns-check",
        challtestsrv.dns,
        "--store",
        store,
        "--json",
        ...more,
      ],
      ENV,
    );
  let first: { role: string; requestId: string }[];

  beforeAll(async () => {
    ({ pebble, challtestsrv, stop } = await startPebbleWithDns(dir));
    hook = writeHook(dir, challtestsrv);
    // The keystore's passphrase is set by an earlier request of the admin's (the internal certificates).
    await request(store, dir, "edge-internal");
    expect((await cli(["acme", "account", "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--agree-tos", "--store", store], ENV)).code).toBe(0);
  }, 60_000);
  afterAll(() => stop?.());

  it("a first round requests, orders and imports the Edge external and reverse-proxy certificates; without a CDP each needs re-issue (exit 1)", async () => {
    const r = await renew();
    expect(r.code, r.err).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.renewed.map((x: { role: string; why: string; state: string }) => [x.role, x.why, x.state])).toEqual([
      ["edge-external", "no certificate yet", "needs-reissue"],
      ["reverse-proxy", "no certificate yet", "needs-reissue"],
    ]);
    first = result.renewed;
  }, 90_000);

  it("the next round renews what needs re-issue: a new key and request each, replacing the first", async () => {
    const r = await renew();
    expect(r.code, r.err).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.renewed.map((x: { role: string; why: string; renews: string }) => [x.role, x.why, x.renews])).toEqual([
      ["edge-external", "needs re-issue: 1 error", first[0]!.requestId],
      ["reverse-proxy", "needs re-issue: 1 error", first[1]!.requestId],
    ]);
    first = result.renewed;
  }, 90_000);

  it("with a CA that writes a CDP (simulated: the same requests signed with pebble's intermediate key plus a CDP), nothing is due and the kits are written", async () => {
    const intermediate = join(dir, "pebble-intermediate.pem");
    const intermediateKey = join(dir, "pebble-intermediate.key");
    writeFileSync(intermediate, await pebble.managementGet("/intermediates/0"));
    writeFileSync(intermediateKey, await pebble.managementGet("/intermediate-keys/0"));
    const simulated = TestCa.create(join(dir, "simulated-ca"));
    for (const item of first) {
      const record = JSON.parse(readFileSync(join(store, "requests", item.requestId, "request.json"), "utf8"));
      const leaf = simulated.issue(join(store, "requests", item.requestId, "request.req"), join(dir, `${item.requestId}.pem`), {
        san: record.plan.san.map((n: { name: string }) => n.name),
        signer: { cert: intermediate, key: intermediateKey },
        days: 90,
      });
      expect((await cli(["import", leaf, intermediate, "--store", store])).code).toBe(0);
    }
    const password = join(dir, "pfx-password");
    writeFileSync(password, "acme-Kit-Pässword\n");
    const r = await renew("--out-dir", join(dir, "kits"), "--password-file", password);
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.renewed).toEqual([]);
    // Pebble offers no ARI: the window is the last third of the lifetime (at most 30 days before it ends).
    expect(result.notDue.map((n: { role: string; source: string }) => [n.role, n.source])).toEqual([
      ["edge-external", "lifetime"],
      ["reverse-proxy", "lifetime"],
    ]);
    expect(Date.parse(result.notDue[0].from) - Date.now()).toBeGreaterThan(55 * 86_400_000);
    const pfx = join(result.kits.outDir, "reverse-proxy", "reverse-proxy.pfx");
    expect(openssl(["pkcs12", "-in", pfx, "-nokeys", "-passin", "pass:acme-Kit-Pässword"])).toContain("BEGIN CERTIFICATE");
    expect(readdirSync(join(result.kits.outDir, "edge01.contoso.net"))).toContain("edge-external.pfx");
  }, 90_000);
});

// RFC 2136 with TSIG against BIND 9 from Debian; pebble validates against the same BIND. Pebble asks BIND
// directly and BIND, authoritative only, follows a CNAME only inside its own zones (a CA's resolver follows it
// anywhere), so the delegations here point into one subtree of contoso.com, the only part the key may update.
describe("ACME dns-01 by RFC 2136 dynamic update to BIND 9, TSIG-signed, with delegated _acme-challenge names", () => {
  const dir = tempDir();
  const store = join(dir, "store");
  let bind: Bind;
  let pebble: Pebble;

  beforeAll(async () => {
    bind = await startBindForExample(join(dir, "bind"));
    pebble = await startPebble(join(dir, "pebble"), bind.dns);
    const made = await cli(["acme", "account", "--directory", pebble.directory, "--ca-file", pebble.tlsRoot, "--agree-tos", "--store", store], ENV);
    expect(made.code, made.err).toBe(0);
  }, 60_000);
  afterAll(() => {
    pebble?.stop();
    bind?.stop();
  });
  const orderByUpdate = (id: string, key: string, ...more: string[]) =>
    cli(
      [
        "acme",
        "order",
        id,
        "--directory",
        pebble.directory,
        "--ca-file",
        pebble.tlsRoot,
        "--dns-rfc2136",
        bind.dns,
        "--tsig-key-file",
        bind.keyFiles[key]!,
        "--dns-check",
        bind.dns,
        "--store",
        store,
        ...more,
      ],
      ENV,
    );

  it("orders the Edge external certificate: each delegated name updated at its target, checked, validated, then deleted again", async () => {
    const edge = await request(store, dir, "edge-external");
    const r = await orderByUpdate(edge.id, "lynccert-acme", "--json");
    expect(r.code, r.err).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ requestId: edge.id, state: "needs-reissue" });
    expect(r.err).toMatch(/ apex\.sip\._acme\.contoso\.com TXT "\S+" placed/);
    expect(r.err).toMatch(/ _acme-challenge\.sip\.fabrikam\.com TXT "\S+" placed/);
    expect(await txtAt(bind.dns, "apex.sip._acme.contoso.com")).toMatch(/ENODATA|ENOTFOUND/);
  }, 60_000);

  it("orders the reverse-proxy certificate with wildcards: *.contoso.com is validated at _acme-challenge.contoso.com", async () => {
    const made = await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "reverse-proxy", "--wildcards", "--store", store, "--out", join(dir, "rp-wild.req"), "--json"], ENV);
    expect(made.code, made.err).toBe(0);
    const rp = JSON.parse(made.out);
    expect(rp.plan.san.map((n: { name: string }) => n.name)).toContain("*.contoso.com");
    const r = await orderByUpdate(rp.id, "lynccert-acme", "--json");
    expect(r.code, r.err).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.certificate.san).toContain("*.contoso.com");
    expect(r.err).toMatch(/ apex\._acme\.contoso\.com TXT "\S+" placed/);
  }, 60_000);

  it("a zone the key may not update is refused by name (the server's own answer), and what was added before is deleted again", async () => {
    const edge = await request(store, dir, "edge-external");
    const r = await orderByUpdate(edge.id, "fabrikam-only");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${bind.dns.replace(/\./g, "\\.")} refused the update of zone contoso\\.com: REFUSED`));
    // The names under fabrikam.com went in first: none is left behind, and the request is still waiting.
    expect(await txtAt(bind.dns, "_acme-challenge.sip.fabrikam.com")).toMatch(/ENODATA|ENOTFOUND/);
    const list = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(list.requests.find((x: { id: string }) => x.id === edge.id)).toMatchObject({ status: "pending" });
  }, 60_000);
});
