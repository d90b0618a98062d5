import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const yaml = (path: string) => load(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8")) as Record<string, any>;
const config = yaml("electron-builder.yml");
const schema = JSON.parse(readFileSync(require.resolve("app-builder-lib/scheme.json"), "utf8"));
const schemaErrors = (c: unknown) => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.validate(schema, c);
  return ajv.errors ?? [];
};

describe("electron-builder.yml (the Electron binary cannot be downloaded here, so the config is checked, not built)", () => {
  it("is valid against electron-builder's own JSON schema", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it("signs where a certificate is given and is inert where none is: Windows from the environment (CSC_LINK), macOS hardened and notarized when APPLE_* are set", () => {
    expect(config.win.signtoolOptions).toEqual({ signingHashAlgorithms: ["sha256"], rfc3161TimeStampServer: "http://timestamp.digicert.com" });
    // No certificate, password or identity in the file: without them in the environment the build is unsigned, never failed.
    expect(JSON.stringify(config)).not.toMatch(/certificateFile|certificatePassword|cscLink|cscKeyPassword|"identity"/);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: "build/entitlements.mac.plist" });
    expect(readFileSync(fileURLToPath(new URL("../../build/entitlements.mac.plist", import.meta.url)), "utf8")).toContain("<key>com.apple.security.cs.allow-jit</key>");
  });

  it("the Azure Trusted Signing variant extends it and stays valid, with azureSignOptions in place of signtool", () => {
    const azure = yaml("build/azure-trusted-signing.yml");
    expect(azure.extends).toBe("electron-builder.yml");
    const { extends: _, ...overlay } = azure;
    const merged = { ...config, ...overlay, win: { ...config.win, ...overlay.win } };
    delete merged.win.signtoolOptions;
    expect(schemaErrors(merged)).toEqual([]);
    expect(Object.keys(azure.win.azureSignOptions).sort()).toEqual(["certificateProfileName", "codeSigningAccountName", "endpoint", "publisherName"]);
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
