import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { answerEveryRequest, FIRST_FRONT_END_KIT, NORTHWIND_TBXML, type CaAnswers } from "../helpers/ca-answers";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { powershellTokens } from "../helpers/script-tokens";
import { opensslCsr } from "../helpers/test-ca";

const ENV = { LYNCCERT_PASSPHRASE: "kit-end-to-end-passphrase", LYNCCERT_PFX_PASSWORD: "Kit-Pfx-Pässword-1" };
const work = mkdtempSync(join(tmpdir(), "lynccert-kit-e2e-"));
const store = join(work, "store");
const siteFile = join(work, "northwind.site.json");
const SERVERS = [
  "fe01.northwind.net",
  "fe02.northwind.net",
  "fe03.northwind.net",
  "fe11.northwind.net",
  "fe12.northwind.net",
  "dir01.northwind.net",
  "dir02.northwind.net",
  "med01.northwind.net",
  "med02.northwind.net",
  "edge01.northwind.net",
  "edge02.northwind.net",
  "pchat01.northwind.net",
];
let answers: CaAnswers;
let dir02Id: string;

/** The public key of a PFX's certificate and of its key, as openssl reads them. */
function pfxKeys(file: string): { certificate: string; key: string; subject: string } {
  const pem = openssl(["pkcs12", "-in", file, "-nodes", "-passin", `pass:${ENV.LYNCCERT_PFX_PASSWORD}`, "-clcerts"]);
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(pem)![0];
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/.exec(pem)![0];
  return { certificate: openssl(["x509", "-noout", "-pubkey"], cert), key: openssl(["pkey", "-pubout"], key), subject: openssl(["x509", "-noout", "-subject"], cert).trim() };
}

beforeAll(async () => {
  expect((await cli(["topology", "import", fileURLToPath(NORTHWIND_TBXML), "--out", siteFile])).code).toBe(0);
  const made = await cli(["request", "--all", "--site", siteFile, "--store", store, "--out-dir", join(work, "requests"), "--subject", "O=Northwind", "--json"], ENV);
  expect(made.code).toBe(0);
  answers = answerEveryRequest(store, work, { faulty: (r) => r.plan.server === "dir02.northwind.net" });
  dir02Id = answers.records.find((r) => r.plan.server === "dir02.northwind.net")!.id;
  opensslCsr(work, "stranger", ["-newkey", "rsa:2048"], "/CN=fe01.northwind.net");
  copyFileSync(answers.ca.issue(join(work, "stranger.csr"), join(work, "stranger.crt"), { san: ["fe01.northwind.net"] }), join(answers.dir, "stranger.crt"));
}, 120_000);

describe("from a Topology Builder document with 12 servers to a deployment kit per server", () => {
  it("bulk import: every leaf of the folder (mixed formats, several in one bundle) finds its request; the faulty one needs re-issue, the stranger matches none", async () => {
    const r = await cli(["import", answers.dir, "--store", store, "--json"], ENV);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.rows).toHaveLength(answers.records.length + 1);
    const byRequest = new Map<string, { verdict: string; file: string }>(
      result.rows.filter((x: { requestId?: string }) => x.requestId).map((x: { requestId: string }) => [x.requestId, x]),
    );
    expect([...byRequest.keys()].sort()).toEqual(answers.records.map((x) => x.id).sort());
    expect(byRequest.get(dir02Id)!.verdict).toBe("needs-reissue");
    for (const [id, row] of byRequest) if (id !== dir02Id) expect(["valid", "warnings"], `${id} ${row.file}`).toContain(row.verdict);
    expect(result.rows.find((x: { verdict: string }) => x.verdict === "no-match").file).toMatch(/stranger\.crt$/);
    expect(result.others).toEqual([{ file: join(answers.dir, "ca-chain.p7b"), why: "CA certificates only (2): kept to complete chains", problem: false }]);
    expect(new Set(result.rows.map((x: { file: string }) => x.file.split(".").pop()))).toEqual(new Set(["crt", "cer", "p7b", "pem"]));

    const text = await cli(["import", answers.dir, "--store", store], ENV);
    expect(text.out).toMatch(/NEEDS RE-ISSUE/);
    expect(text.out).toMatch(new RegExp(`${answers.records.length + 1} certificate\\(s\\) from ${readdirSync(answers.dir).length} file\\(s\\)`));
    expect(text.out).toMatch(/stranger\.crt: CN=fe01\.northwind\.net: matches no request \(X509-KEY-MATCH\)/);
  });

  it("kit: a folder per server with its PFX files, one script and a README; the blocked server says so, and the summary shows it", async () => {
    const out = join(work, "kits");
    const r = await cli(["kit", "--site", siteFile, "--store", store, "--out-dir", out], ENV);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/12 of 13 server kits complete; 15 of 16 certificates ready/);
    expect(readdirSync(out).sort()).toEqual([...SERVERS, "kit-summary.csv", "reverse-proxy"].sort());

    // Each PFX opens in openssl with the password, and its key is its certificate's.
    const pfxFiles = SERVERS.concat("reverse-proxy").flatMap((s) =>
      readdirSync(join(out, s))
        .filter((f) => f.endsWith(".pfx"))
        .map((f) => join(out, s, f)),
    );
    expect(pfxFiles).toHaveLength(15);
    for (const file of pfxFiles) {
      const keys = pfxKeys(file);
      expect(keys.key, file).toBe(keys.certificate);
    }
    // EDGE-AV-SAME-KEY: both Edge members get the very same certificate and key.
    for (const name of ["edge-external.pfx", "edge-internal.pfx"])
      expect(readFileSync(join(out, "edge01.northwind.net", name))).toEqual(readFileSync(join(out, "edge02.northwind.net", name)));
    // OAUTH-GLOBAL: once, on the first Front End.
    expect(readdirSync(join(out, "fe01.northwind.net")).sort()).toEqual(FIRST_FRONT_END_KIT);
    // The chain file holds the CA certificates the script installs, root included (EDGE-INT-CHAIN), and nothing else.
    const chain = openssl(["pkcs7", "-inform", "DER", "-in", join(out, "fe01.northwind.net", "front-end.chain.p7b"), "-print_certs", "-noout"]);
    expect(
      chain
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("subject="))
        .sort(),
    ).toEqual(["subject=O = Contoso, CN = Contoso Test Issuing CA", "subject=O = Contoso, CN = Contoso Test Root CA"]);
    expect(pfxKeys(join(out, "fe01.northwind.net", "front-end.pfx")).subject).toBe("subject=O = Northwind, CN = fepool.northwind.net");
    expect(readdirSync(join(out, "fe02.northwind.net"))).not.toContain("oauth-token-issuer.pfx");

    // The blocked server: no PFX, no script, a README that says what is missing and why.
    expect(readdirSync(join(out, "dir02.northwind.net"))).toEqual(["README.txt"]);
    const readme = readFileSync(join(out, "dir02.northwind.net", "README.txt"), "utf8");
    expect(readme).toMatch(/^\uFEFFLyncCert deployment kit for dir02\.northwind\.net \(pool dirpool\.northwind\.net\)\r\n/);
    expect(readme).toMatch(/INCOMPLETE: 1 of 1 certificate\(s\) this server needs are missing/);
    expect(readme).toMatch(/Director \[Default, WebServicesInternal, WebServicesExternal\]: needs re-issue \(the issued certificate has 1 error\(s\): ask the CA to issue again/);

    const csv = readFileSync(join(out, "kit-summary.csv"), "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFServer,Pool,Certificate,Usages,State,Request,Thumbprint,Expires,File,Why");
    expect(csv.split("\r\n").filter((l) => l.startsWith("dir02.northwind.net,"))[0]).toMatch(/,needs re-issue,director-dir02-/);
    expect(csv.split("\r\n").filter((l) => l.includes(",ready,"))).toHaveLength(15);

    // Scripts: the Edge members' carry -Roll for A/V Authentication and both certificates; the reverse proxy's no Lync cmdlet.
    const edge = readFileSync(join(out, "edge01.northwind.net", "Install-LyncCert.ps1"), "utf8");
    expect(edge).toMatch(/^\uFEFF#Requires -Version 3.0\r\n# LyncCert: deployment kit for edge01\.northwind\.net: 2 certificate\(s\)\r\n/);
    expect(edge.indexOf("'edge-internal.pfx'")).toBeLessThan(edge.indexOf("'edge-external.pfx'"));
    expect(edge).toContain("param([switch]$Roll, [string]$KitPath)");
    const rp = readFileSync(join(out, "reverse-proxy", "Install-LyncCert.ps1"), "utf8");
    expect(rp).toContain("Import-PfxCertificate -FilePath $pfx -CertStoreLocation 'Cert:\\LocalMachine\\My' -Password $secure");
    expect(rp).not.toMatch(/-Cs[A-Z]/);
    for (const s of [...SERVERS.filter((x) => x !== "dir02.northwind.net"), "reverse-proxy"]) {
      const script = readFileSync(join(out, s, "Install-LyncCert.ps1"), "utf8");
      expect(() => powershellTokens(script), s).not.toThrow();
      expect(script).not.toMatch(/[^\r]\n/);
      expect(script).toContain("[CmdletBinding(SupportsShouldProcess=$true)]");
    }

    // Nothing is replaced: a second run into the same folder refuses and leaves the kits as they were.
    const before = readFileSync(join(out, "fe01.northwind.net", "front-end.pfx"));
    const again = await cli(["kit", "--site", siteFile, "--store", store, "--out-dir", out], ENV);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists?: kits never replace files; choose a new --out-dir/);
    expect(readFileSync(join(out, "fe01.northwind.net", "front-end.pfx"))).toEqual(before);
  });

  it("after the re-issue is imported, every kit is complete and the command exits 0", async () => {
    const record = answers.records.find((r) => r.id === dir02Id)!;
    const fixed = answers.ca.issue(join(store, "requests", dir02Id, "request.req"), join(work, "dir02-fixed.crt"), {
      san: record.plan.san.map((s) => s.name),
      eku: record.plan.eku.join(","),
    });
    writeFileSync(join(work, "dir02-fixed-chain.pem"), [fixed, answers.ca.intermediate].map((f) => readFileSync(f, "utf8")).join(""));
    const imported = await cli(["import", join(work, "dir02-fixed-chain.pem"), "--store", store], ENV);
    expect(imported.out).toMatch(new RegExp(`attached to request ${dir02Id}`));
    const r = await cli(["kit", "--site", siteFile, "--store", store, "--out-dir", join(work, "kits-2"), "--profile", "modern", "--json"], ENV);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.totals).toEqual({ servers: 13, complete: 13, certificates: 16, ready: 16 });
    expect(existsSync(join(work, "kits-2", "dir02.northwind.net", "director.pfx"))).toBe(true);
    expect(openssl(["pkcs12", "-in", join(work, "kits-2", "dir02.northwind.net", "director.pfx"), "-info", "-noout", "-passin", `pass:${ENV.LYNCCERT_PFX_PASSWORD}`])).toMatch(
      /AES-256-CBC/,
    );
  });
});
