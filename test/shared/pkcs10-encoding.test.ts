import { describe, expect, it } from "vitest";
import { dnsNames, ecdsaSignatureToDer, extendedKeyUsage, extension, keyUsage } from "../../shared/csr/pkcs10-encoding";
import { templateNameValue } from "../../shared/csr/template-extension";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("PKCS#10 pieces, pinned as DER hex", () => {
  it("Key Usage: digitalSignature + keyEncipherment (RSA), digitalSignature + keyAgreement (EC)", () => {
    expect(hex(keyUsage([0, 2]))).toBe("030205a0");
    expect(hex(keyUsage([0, 4]))).toBe("03020388");
  });

  it("SAN dNSName entries, EKU serverAuth + clientAuth", () => {
    expect(hex(dnsNames(["sip.contoso.com"]))).toBe("3011820f7369702e636f6e746f736f2e636f6d");
    expect(hex(extendedKeyUsage(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]))).toBe("301406082b0601050507030106082b06010505070302");
  });

  it("a critical extension carries BOOLEAN TRUE; a non-critical one leaves it out", () => {
    expect(hex(new Uint8Array(extension("2.5.29.15", true, keyUsage([0, 2])).toBER()))).toBe("300e0603551d0f0101ff0404030205a0");
    expect(hex(new Uint8Array(extension("2.5.29.15", false, keyUsage([0, 2])).toBER()))).toBe("300b0603551d0f0404030205a0");
  });

  it("the AD CS template name is a BMPString (COMMON-TEMPLATE)", () => {
    expect(hex(templateNameValue("WebServer"))).toBe("1e12005700650062005300650072007600650072");
  });

  it("an ECDSA r‖s signature becomes SEQUENCE { INTEGER r, INTEGER s }, sign-padded and minimal", () => {
    const raw = new Uint8Array([0x80, 0x01, 0x00, 0x7f]);
    expect(hex(ecdsaSignatureToDer(raw))).toBe("3008020300800102017f");
  });
});
