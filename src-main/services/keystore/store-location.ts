import { homedir } from "node:os";
import { join } from "node:path";

/**
 * LyncCert's application-data folder, the same one Electron's app.getPath("userData") gives the
 * desktop app, so the CLI and the app share one keystore.
 */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  // An empty variable counts as unset (XDG base directory specification), never as the current folder.
  if (env.LYNCCERT_STORE) return env.LYNCCERT_STORE;
  if (platform === "win32") return join(env.APPDATA || join(homedir(), "AppData", "Roaming"), "LyncCert", "store");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "LyncCert", "store");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "LyncCert", "store");
}
