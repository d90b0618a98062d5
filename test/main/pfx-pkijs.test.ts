import { execFileSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { join } from "node:path";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { describe, expect, it } from "vitest";
import { readPfx } from "../../src-main/services/pkcs12/pfx-reader";
import { openssl } from "../helpers/openssl";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const PASSWORD = "pkijs-Pässword-42";

/** A PFX as pkijs writes it: certificate bag under password privacy (PBES2, AES-256-CBC), shrouded key bag, HMAC-SHA-256 integrity. */
async function pkijsPfx(certDer: Buffer, pkcs8Der: Buffer): Promise<Uint8Array> {
  pkijs.setEngine("node", new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as unknown as Crypto }));
  const password = new TextEncoder().encode(PASSWORD).buffer as ArrayBuffer;
  const params = {
    password,
    contentEncryptionAlgorithm: { name: "AES-CBC", length: 256 } as unknown as pkijs.ContentEncryptionAlgorithm,
    hmacHashAlgorithm: "SHA-256",
    iterationCount: 2048,
  };
  const friendlyName = new pkijs.Attribute({ type: "1.2.840.113549.1.9.20", values: [new asn1js.BmpString({ value: "from pkijs" })] });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {
              privacyMode: 1,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: "1.2.840.113549.1.12.10.1.3",
                    bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(new Uint8Array(certDer)) }),
                    bagAttributes: [friendlyName],
                  }),
                ],
              }),
            },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: "1.2.840.113549.1.12.10.1.2",
                    bagValue: new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(new Uint8Array(pkcs8Der)) }),
                  }),
                ],
              }),
            },
          ],
        },
      }),
    },
  });
  const authenticatedSafe = pfx.parsedValue!.authenticatedSafe!;
  await (authenticatedSafe.parsedValue!.safeContents[1]!.value.safeBags[0]!.bagValue as pkijs.PKCS8ShroudedKeyBag).makeInternalValues(params);
  await authenticatedSafe.makeInternalValues({ safeContents: [params, {}] });
  await pfx.makeInternalValues({ password, iterations: 2048, pbkdf2HashAlgorithm: "SHA-256", hmacHashAlgorithm: "SHA-256" });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

describe("PFX written by pkijs", () => {
  it("is read: certificate, key, friendly name, and a wrong password is 'wrong password'", async () => {
    const dir = tempDir();
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-noenc", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem"), "-subj", "/CN=pkijs.contoso.com", "-days", "2"]);
    const cert = execFileSync("openssl", ["x509", "-in", join(dir, "c.pem"), "-outform", "DER"]);
    const key = execFileSync("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", join(dir, "k.pem"), "-outform", "DER"]);
    const pfx = await pkijsPfx(cert, key);
    expect(openssl(["pkcs12", "-info", "-noout", "-passin", `pass:${PASSWORD}`], Buffer.from(pfx))).toContain("MAC: sha256");
    const read = await readPfx(pfx, PASSWORD, "pkijs.pfx");
    expect(Buffer.from(read.certificates[0]!)).toEqual(cert);
    expect(read.privateKey).toEqual(key);
    expect(read.friendlyName).toBe("from pkijs");
    expect(read.encryption).toContain("PBES2 (PBKDF2, AES-256-CBC)");
    await expect(readPfx(pfx, "wrong-password!", "pkijs.pfx")).rejects.toThrow(/wrong PFX password for pkijs.pfx/);
  });
});
