import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "kit-layouts-passphrase", LYNCCERT_PFX_PASSWORD: "Kit-Pfx-Pässword-1" };

interface KitJson {
  kits: { server: string; entries: { role: string; types: string[]; state: string; why?: string; fileName: string; requestId?: string }[] }[];
}

/** Requests made and answered by an openssl CA with exactly their planned names and EKU, imported. */
async function issued(store: string, dir: string, ca: TestCa, requests: string[][]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, args] of requests.entries()) {
    const req = join(dir, `r${i}.req`);
    const made = await cli(["request", "--site", EXAMPLE_SITE_PATH, ...args, "--store", store, "--out", req, "--json"], ENV);
    expect(made.code, made.err).toBe(0);
    const { id, plan } = JSON.parse(made.out);
    const leaf = ca.issue(req, join(dir, `r${i}.pem`), { san: plan.san.map((n: { name: string }) => n.name), eku: plan.eku.join(",") });
    openssl(["crl2pkcs7", "-nocrl", "-certfile", leaf, "-certfile", ca.intermediate, "-certfile", ca.root, "-out", join(dir, `r${i}.p7b`)]);
    expect((await cli(["import", join(dir, `r${i}.p7b`), "--store", store], ENV)).code).toBeLessThanOrEqual(1);
    ids.push(id);
  }
  return ids;
}

const kitJson = async (store: string, out: string, extra: string[] = []) => {
  const r = await cli(["kit", "--site", EXAMPLE_SITE_PATH, "--store", store, "--out-dir", out, "--json", ...extra], ENV);
  return { code: r.code, kit: JSON.parse(r.out) as KitJson, err: r.err };
};
const entry = (k: KitJson, server: string, role: string) => k.kits.find((x) => x.server === server)!.entries.filter((e) => e.role === role);

describe("kits never carry the wrong key", () => {
  it("an RSA and a P-256 certificate both issued for fe01: the kit takes the RSA one (Lync Server 2013 uses only CryptoAPI keys)", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const ca = TestCa.create(join(dir, "ca"));
    const [rsa] = await issued(store, dir, ca, [
      ["--role", "front-end", "--server", "fe01.contoso.net", "--key", "rsa2048"],
      ["--role", "front-end", "--server", "fe01.contoso.net", "--key", "p256"],
    ]);
    const { kit } = await kitJson(store, join(dir, "kits"));
    expect(entry(kit, "fe01.contoso.net", "front-end")).toMatchObject([{ state: "ready", requestId: rsa }]);
    expect(readFileSync(join(dir, "kits", "fe01.contoso.net", "Install-LyncCert.ps1"), "utf8")).not.toMatch(/ECDSA key/);
  });

  it("only a P-256 certificate: not taken silently (LC-ECDSA-CNG in the table, summary and README); --allow-ecdsa takes it, and says so", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const ca = TestCa.create(join(dir, "ca"));
    await issued(store, dir, ca, [["--role", "front-end", "--server", "fe01.contoso.net", "--key", "p256"]]);
    const refused = await kitJson(store, join(dir, "kits"));
    expect(refused.code).toBe(1);
    const [fe] = entry(refused.kit, "fe01.contoso.net", "front-end");
    expect(fe).toMatchObject({ state: "ecdsa-key", why: expect.stringMatching(/ECDSA \(p256\).*Lync Server 2013 cannot use \(LC-ECDSA-CNG\)/) });
    expect(readFileSync(join(dir, "kits", "kit-summary.csv"), "utf8")).toMatch(/fe01\.contoso\.net,pool01\.contoso\.net,Front End[^,]*,[^,]*,ECDSA key,.*LC-ECDSA-CNG/);
    expect(readFileSync(join(dir, "kits", "fe01.contoso.net", "README.txt"), "utf8")).toMatch(/INCOMPLETE[\s\S]*ECDSA key \(.*LC-ECDSA-CNG/);

    const chosen = await kitJson(store, join(dir, "kits2"), ["--allow-ecdsa"]);
    expect(entry(chosen.kit, "fe01.contoso.net", "front-end")).toMatchObject([
      { state: "ready", why: expect.stringMatching(/chosen explicitly: Skype for Business Server 2015 and later only/) },
    ]);
    expect(readFileSync(join(dir, "kits2", "fe01.contoso.net", "README.txt"), "utf8")).toMatch(/note: ECDSA key \(p256\), chosen explicitly/);
    expect(readFileSync(join(dir, "kits2", "fe01.contoso.net", "Install-LyncCert.ps1"), "utf8")).toMatch(
      /front-end has an ECDSA key, which goes to Microsoft Software Key Storage Provider \(CNG\)/,
    );
  });
});

describe("kits follow the layout the requests have", () => {
  it("Edge external decoupled from A/V Authentication (Microsoft's -Roll advice): both Edge members get both certificates; the usages are the planner's (XMPPServer included)", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const ca = TestCa.create(join(dir, "ca"));
    await issued(store, dir, ca, [
      ["--role", "edge-external", "--types", "AccessEdgeExternal,DataEdgeExternal,XMPPServer"],
      ["--role", "edge-external", "--types", "AudioVideoAuthentication"],
    ]);
    const { kit } = await kitJson(store, join(dir, "kits"));
    for (const server of ["edge01.contoso.net", "edge02.contoso.net"]) {
      expect(entry(kit, server, "edge-external").map((e) => [e.types.join(","), e.state, e.fileName])).toEqual([
        ["AccessEdgeExternal,DataEdgeExternal,XMPPServer", "ready", "edge-external-AccessEdgeExternal-DataEdgeExternal-XMPPServer.pfx"],
        ["AudioVideoAuthentication", "ready", "edge-external-AudioVideoAuthentication.pfx"],
      ]);
    }
    const script = readFileSync(join(dir, "kits", "edge01.contoso.net", "Install-LyncCert.ps1"), "utf8");
    expect(script).toContain("Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective");
  });

  it("the combined Edge external certificate lists XMPPServer in the table and summary, as the script assigns it", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    await issued(store, dir, TestCa.create(join(dir, "ca")), [["--role", "edge-external"]]);
    const { kit } = await kitJson(store, join(dir, "kits"));
    expect(entry(kit, "edge01.contoso.net", "edge-external")[0]!.types).toEqual(["AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication", "XMPPServer"]);
    expect(readFileSync(join(dir, "kits", "edge01.contoso.net", "Install-LyncCert.ps1"), "utf8")).toContain("XMPPServer");
  });
});

describe("export: the Edge roles' PFX carries the root (EDGE-INT-CHAIN)", () => {
  it("an Edge internal export without --include-root includes the root and says why; a Mediation one leaves it out", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const [edge, med] = await issued(store, dir, TestCa.create(join(dir, "ca")), [
      ["--role", "edge-internal"],
      ["--role", "mediation", "--server", "medsvr01.contoso.net"],
    ]);
    const e = JSON.parse((await cli(["export", edge!, "--store", store, "--pfx", join(dir, "edge.pfx"), "--json"], ENV)).out);
    expect(e).toMatchObject({ certificates: 3, note: expect.stringMatching(/root CA certificate is included: Edge Servers are outside the domain .*\(EDGE-INT-CHAIN\)/) });
    expect(openssl(["pkcs12", "-in", join(dir, "edge.pfx"), "-nokeys", "-passin", `pass:${ENV.LYNCCERT_PFX_PASSWORD}`])).toContain(
      "subject=O = Contoso, CN = Contoso Test Root CA",
    );
    const m = JSON.parse((await cli(["export", med!, "--store", store, "--pfx", join(dir, "med.pfx"), "--json"], ENV)).out);
    expect(m.certificates).toBe(2);
    expect(m.note).toBeUndefined();
  });
});

describe("Office Web Apps Server / Office Online Server: a role of its own (OWAS-NAME-IN-CERT)", () => {
  it("is planned from the site's farm, requested, verified against OWAS-NAME-IN-CERT and kitted with the farm's certificate command", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const plan = JSON.parse((await cli(["plan", "--site", EXAMPLE_SITE_PATH, "--role", "office-web-apps", "--json"])).out);
    expect(plan).toMatchObject({ role: "office-web-apps", cn: "officewebapps01.contoso.com", san: [{ name: "officewebapps01.contoso.com", rules: ["OWAS-NAME-IN-CERT"] }] });
    const ca = TestCa.create(join(dir, "ca"));
    await issued(store, dir, ca, [["--role", "office-web-apps"]]);
    const { kit } = await kitJson(store, join(dir, "kits"));
    expect(entry(kit, "officewebapps01.contoso.com", "office-web-apps")).toMatchObject([{ state: "ready", fileName: "office-web-apps.pfx" }]);
    const script = readFileSync(join(dir, "kits", "officewebapps01.contoso.com", "Install-LyncCert.ps1"), "utf8");
    expect(script).toMatch(/Set-OfficeWebAppsFarm -CertificateName 'LyncCert office-web-apps officewebapps01\.contoso\.com/);
    expect(script).not.toMatch(/-Cs[A-Z]/);

    // A certificate for another name fails the rule, citing it.
    const req = join(dir, "wrong.req");
    const made = JSON.parse((await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "office-web-apps", "--store", store, "--out", req, "--json"], ENV)).out);
    const wrong = ca.issue(req, join(dir, "wrong.pem"), { san: ["wac.contoso.com"], subject: "/CN=wac.contoso.com" });
    const r = await cli(["import", wrong, "--store", store, "--json"], ENV);
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.out)
        .findings.filter((f: { status: string }) => f.status === "error")
        .map((f: { rule: string }) => f.rule),
    ).toContain("OWAS-NAME-IN-CERT");
    expect(made.id).toMatch(/^office-web-apps-/);
  });
});
