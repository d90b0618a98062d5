import { describe, expect, it } from "vitest";
import { parseHash, parseKeySpec, signingProfile } from "../../shared/crypto/key-spec";
import { parseSubjectOption } from "../../shared/csr/subject";

describe("only compliant keys and signatures can be requested", () => {
  it.each([
    ["rsa1024", "COMMON-KEY-LEN"],
    ["rsa3072", "COMMON-KEY-LEN"],
    ["rsa-pss", "COMMON-NO-PSS"],
    ["secp256k1", "COMMON-KEY-ALG"],
  ])("--key %s is refused citing %s", (key, rule) => {
    expect(() => parseKeySpec(key)).toThrow(new RegExp(`refused \\(${rule}\\)`));
  });

  it.each([
    ["sha1", "COMMON-SIG-ALG"],
    ["md5", "COMMON-SIG-ALG"],
    ["pss", "COMMON-NO-PSS"],
    ["sha256-pss", "COMMON-NO-PSS"],
  ])("--hash %s is refused citing %s", (hash, rule) => {
    expect(() => parseHash(hash)).toThrow(new RegExp(`refused \\(${rule}\\)`));
  });

  it("RSA defaults to 2048 bits with SHA-256 PKCS#1 v1.5", () => {
    expect(signingProfile(parseKeySpec(undefined), undefined)).toEqual({ kind: "rsa", key: "rsa2048", modulusLength: 2048, hash: "sha256" });
  });

  it("ECDSA takes its curve's hash and refuses another", () => {
    expect(signingProfile("p384", undefined)).toMatchObject({ namedCurve: "P-384", hash: "sha384" });
    expect(signingProfile("p521", "sha512")).toMatchObject({ namedCurve: "P-521", hash: "sha512" });
    expect(() => signingProfile("p256", "sha512")).toThrow(/P-256 key signs with sha256/);
  });
});

describe("--subject", () => {
  it("parses O, OU, L, ST (or S), C with escaped commas", () => {
    expect(parseSubjectOption("O=Contoso\\, Ltd,OU=IT,L=Redmond,S=Washington,C=US")).toEqual({ O: "Contoso, Ltd", OU: "IT", L: "Redmond", ST: "Washington", C: "US" });
  });
  it.each([
    ["C=USA", /C must be a two-letter/],
    ["C=us", /C must be a two-letter/],
    ["CN=evil.example", /CN is set by the role's rules/],
    ["E=admin@contoso.com", /unknown attribute E/],
    [`O=${"x".repeat(65)}`, /O is 65 characters; the limit is 64/],
    ["Contoso", /is not KEY=value/],
  ])("refuses %s", (value, expected) => {
    expect(() => parseSubjectOption(value)).toThrow(expected);
  });
});
