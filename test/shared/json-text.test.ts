import { describe, expect, it } from "vitest";
import { parseJsonText } from "../../shared/codec/json-text";

describe("parseJsonText names the file, line and column of the first error, never the text", () => {
  it.each([
    ['{\n  "sipDomains": ["fabrikam.com"],\n  "pools": [,]\n}\n', "line 3, column 13"],
    ["{ not json", "line 1, column 3"],
    ['{"a": 1,}', "line 1, column 9"],
    ["[1, 2", "line 1, column 6"],
    ['{"a":"b"} x', "line 1, column 11"],
  ])("%j: at %s", (text, where) => {
    expect(() => parseJsonText(text, "site.json")).toThrow(`site.json: not valid JSON at ${where}`);
  });
});
