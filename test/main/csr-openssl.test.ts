import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signingProfile, type HashName, type KeySpec } from "../../shared/crypto/key-spec";
import { buildCsr } from "../../shared/csr/build-csr";
import { toPem } from "../../shared/codec/pem";
import { planCertificate } from "../../shared/planner/plan";
import { generateKey, webCrypto } from "../../src-main/services/crypto/keygen";
import { openssl } from "../helpers/openssl";
import { exampleSite, siteWith } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();

async function csrText(key: KeySpec, hash: HashName | undefined, options: { role?: "front-end" | "edge-external"; aol?: boolean; template?: string | null } = {}) {
  const site = options.aol ? siteWith((j) => (j.features.publicImAol = true)) : exampleSite();
  const plan = planCertificate(site, options.role === "edge-external" ? { role: "edge-external" } : { role: "front-end", server: "fe01.contoso.net" });
  const profile = signingProfile(key, hash);
  const generated = await generateKey(profile);
  const csr = await buildCsr({
    plan,
    subject: { O: "Contoso", C: "US" },
    profile,
    keys: generated.keys,
    template: options.template === undefined ? "WebServer" : options.template,
    crypto: webCrypto,
  });
  const file = join(tempDir(), "x.req");
  writeFileSync(file, toPem("CERTIFICATE REQUEST", csr));
  return openssl(["req", "-in", file, "-verify", "-noout", "-text"]);
}

describe("every key type and hash gives a request openssl verifies", () => {
  it.each([
    ["rsa2048", "sha256", "sha256WithRSAEncryption", "Public-Key: (2048 bit)"],
    ["rsa2048", "sha384", "sha384WithRSAEncryption", "Public-Key: (2048 bit)"],
    ["rsa2048", "sha512", "sha512WithRSAEncryption", "Public-Key: (2048 bit)"],
    ["rsa4096", "sha256", "sha256WithRSAEncryption", "Public-Key: (4096 bit)"],
    ["rsa4096", "sha384", "sha384WithRSAEncryption", "Public-Key: (4096 bit)"],
    ["rsa4096", "sha512", "sha512WithRSAEncryption", "Public-Key: (4096 bit)"],
    ["p256", undefined, "ecdsa-with-SHA256", "NIST CURVE: P-256"],
    ["p384", undefined, "ecdsa-with-SHA384", "NIST CURVE: P-384"],
    ["p521", undefined, "ecdsa-with-SHA512", "NIST CURVE: P-521"],
  ] as const)("%s with %s → %s", async (key, hash, sigAlg, keyLine) => {
    const text = await csrText(key, hash);
    expect(text).toContain("Certificate request self-signature verify OK");
    expect(text).toContain(`Signature Algorithm: ${sigAlg}`);
    expect(text).toContain(keyLine);
    // COMMON-NO-PSS: no RSASSA-PSS anywhere in the request.
    expect(text).not.toMatch(/pss/i);
    expect(text).toContain("Subject: C = US, O = Contoso, CN = pool01.contoso.net");
    expect(text).toMatch(/X509v3 Subject Alternative Name: \n\s+DNS:pool01.contoso.net, DNS:fe01.contoso.net, /);
    expect(text).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Server Authentication\n/);
    expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature, (Key Encipherment|Key Agreement)\n/);
    expect(text).toContain("1.3.6.1.4.1.311.20.2: \n                    ...W.e.b.S.e.r.v.e.r");
  });

  it("COMMON-KU: RSA keys ask for Key Encipherment, EC keys for Key Agreement", async () => {
    expect(await csrText("rsa2048", undefined)).toContain("Digital Signature, Key Encipherment");
    expect(await csrText("p256", undefined)).toContain("Digital Signature, Key Agreement");
  });

  it("EDGE-EXT-EKU-CLIENT-AOL: the Edge request with AOL asks for Server and Client Authentication", async () => {
    const text = await csrText("rsa2048", undefined, { role: "edge-external", aol: true });
    expect(text).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toContain("CN = sip.contoso.com");
  });

  it("COMMON-TEMPLATE: another template name, or none", async () => {
    expect(await csrText("p256", undefined, { template: "LyncWebServer" })).toContain("...L.y.n.c.W.e.b.S.e.r.v.e.r");
    expect(await csrText("p256", undefined, { template: null })).not.toContain("1.3.6.1.4.1.311.20.2");
  });
});
