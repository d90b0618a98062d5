import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { InputError } from "../../shared/errors";
import { templateNameValue } from "../../shared/csr/template-extension";
import { checkTemplateName } from "../../shared/csr/template-name";
import { openssl } from "../helpers/openssl";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const name = (n: number) => "T".repeat(n);

describe("template name extension (COMMON-TEMPLATE): exact DER for every length", () => {
  it("pins WebServer's BMPString", () => {
    expect(Buffer.from(templateNameValue("WebServer")).toString("hex")).toBe("1e12005700650062005300650072007600650072");
  });

  it("64 characters (128 bytes) take a long-form length, never the indefinite 1E 80", () => {
    expect(Buffer.from(templateNameValue(name(64)).slice(0, 3)).toString("hex")).toBe("1e8180");
  });

  it("every accepted length from 1 to 64 is DER that openssl asn1parse reads back whole", () => {
    const dir = tempDir();
    for (let n = 1; n <= 64; n++) {
      const value = templateNameValue(name(n));
      // DER is the one encoding: decoding and re-encoding gives the same bytes.
      const decoded = asn1js.fromBER(value.slice().buffer);
      expect(decoded.offset).toBe(value.length);
      expect(Buffer.from(decoded.result.toBER(false))).toEqual(Buffer.from(value));
      const file = join(dir, `t${n}.der`);
      writeFileSync(file, value);
      expect(openssl(["asn1parse", "-inform", "DER", "-in", file])).toMatch(new RegExp(`hl=${n * 2 > 127 ? 3 : 2} l= *${n * 2} prim: BMPSTRING`));
    }
  });

  it("0 and 65 to 300 characters are refused with a message naming the field and the rule", () => {
    for (const n of [0, 65, 100, 127, 128, 255, 256, 300]) {
      let error: unknown;
      try {
        templateNameValue(name(n));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/template: .* is not a template name: 1–64 letters.*\(COMMON-TEMPLATE\)/);
    }
    expect(() => checkTemplateName("Web\r\nServer", "--template")).toThrow(/--template/);
  });
});
