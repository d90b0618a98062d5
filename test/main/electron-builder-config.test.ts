import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const config = load(readFileSync(fileURLToPath(new URL("../../electron-builder.yml", import.meta.url)), "utf8")) as Record<string, any>;

describe("electron-builder.yml (the Electron binary cannot be downloaded here, so the config is checked, not built)", () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve("app-builder-lib/scheme.json"), "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("builds Windows NSIS and portable, Linux AppImage and deb, macOS dmg, with hardened fuses", () => {
    expect(config.appId).toBe("com.lynccert.desktop");
    expect(config.win.target).toEqual(["nsis", "portable"]);
    expect(config.linux.target).toEqual(["AppImage", "deb"]);
    expect(config.mac.target).toEqual(["dmg"]);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.directories.buildResources).toBe("build");
  });
});
