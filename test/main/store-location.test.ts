import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultStoreDir } from "../../src-main/services/keystore/store-location";

describe("default keystore folder: the desktop app's userData (productName LyncCert) plus /store", () => {
  it.each([
    ["win32", { APPDATA: "C:\\Users\\admin\\AppData\\Roaming" }, join("C:\\Users\\admin\\AppData\\Roaming", "LyncCert", "store")],
    ["darwin", {}, join(homedir(), "Library", "Application Support", "LyncCert", "store")],
    ["linux", { XDG_CONFIG_HOME: "/home/admin/.config" }, join("/home/admin/.config", "LyncCert", "store")],
    ["linux", {}, join(homedir(), ".config", "LyncCert", "store")],
  ] as const)("%s %j", (platform, env, expected) => {
    expect(defaultStoreDir(env, platform)).toBe(expected);
  });

  it("LYNCCERT_STORE overrides it", () => {
    expect(defaultStoreDir({ LYNCCERT_STORE: "/srv/lynccert" }, "linux")).toBe("/srv/lynccert");
  });
});
