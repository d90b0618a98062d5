import { describe, expect, it } from "vitest";
import { ISO_3166_CODES } from "../../shared/csr/countries";
import { checkSubjectDetails, parseSubjectOption } from "../../shared/csr/subject";

describe("subject C: an ISO 3166 country code, nothing CAs would refuse", () => {
  it("UK is refused with the code CAs require (GB); an unassigned pair is refused; GB and US pass", () => {
    expect(() => checkSubjectDetails({ C: "UK" }, "subject")).toThrow("subject: C: UK is not an ISO 3166 country code; CAs require GB");
    expect(() => parseSubjectOption("O=Contoso,C=ZZ")).toThrow('--subject: C: "ZZ" is not an ISO 3166 two-letter country code');
    expect(checkSubjectDetails({ C: "GB" }, "subject")).toEqual({ C: "GB" });
    expect(parseSubjectOption("C=US")).toEqual({ C: "US" });
  });

  it("holds the 249 officially assigned codes, each once", () => {
    expect(ISO_3166_CODES).toHaveLength(249);
    expect(new Set(ISO_3166_CODES).size).toBe(249);
  });
});
