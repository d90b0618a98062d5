import { describe, expect, it } from "vitest";
import { findBrowser, missingTool } from "../helpers/test-tools";

describe("npm test finds its judges wherever Node runs, or says in one line what to install", () => {
  it("LYNCCERT_CHROMIUM names the browser on any system", () => {
    expect(findBrowser({ LYNCCERT_CHROMIUM: "C:\\Tools\\chrome.exe" }, "win32")).toBe("C:\\Tools\\chrome.exe");
  });

  it("without a browser the line names Chromium, Chrome, Edge and LYNCCERT_CHROMIUM", () => {
    expect(findBrowser({ ProgramFiles: "/nowhere" }, "win32")).toBeUndefined();
    expect(missingTool({ ProgramFiles: "/nowhere" }, "win32")).toMatch(
      /^LyncCert's end-to-end tests need a Chromium-family browser: .*Google Chrome or Microsoft Edge, or set LYNCCERT_CHROMIUM/,
    );
  });
});
