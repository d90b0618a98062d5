import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/**
 * The outside tools the tests judge with, found wherever Node runs: a Chromium-family browser (Debian's
 * chromium, Chrome or Edge where installed, or LYNCCERT_CHROMIUM) and openssl on PATH.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.LYNCCERT_CHROMIUM) return env.LYNCCERT_CHROMIUM;
  const programFiles = [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA].filter((p): p is string => Boolean(p));
  const candidates =
    platform === "win32"
      ? programFiles.flatMap((p) => [join(p, "Google", "Chrome", "Application", "chrome.exe"), join(p, "Microsoft", "Edge", "Application", "msedge.exe")])
      : platform === "darwin"
        ? [
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
          ]
        : ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/usr/bin/microsoft-edge"];
  return candidates.find((c) => existsSync(c));
}

/**
 * A Python with the cryptography package, the second independent judge: LYNCCERT_PYTHON, the python3 on PATH,
 * or Debian's own (/usr/bin/python3 with python3-cryptography, which .ci/run installs when the first has none).
 */
export function findPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.LYNCCERT_PYTHON, "python3", "/usr/bin/python3", "python"].filter((c): c is string => Boolean(c));
  return candidates.find((c) => spawnSync(c, ["-c", "import cryptography"], { encoding: "utf8" }).status === 0);
}

export function hasOpenssl(): boolean {
  return spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0;
}

/** The real ACME and DNS servers the ACME tests start (Debian's pebble and BIND 9), found on PATH. */
export function missingAcmeServers(): string[] {
  const found = (c: string) => spawnSync("sh", ["-c", `command -v ${c}`], { encoding: "utf8" }).status === 0;
  return ["pebble", "pebble-challtestsrv", "named", "tsig-keygen"].filter((c) => !found(c));
}

/** What is missing, as the one line to print, or undefined when the tests can run. */
export function missingTool(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (!hasOpenssl())
    return "LyncCert's tests need openssl on PATH: install it (Debian: apt-get install openssl; macOS: brew install openssl; Windows: winget install ShiningLight.OpenSSL.Light) and run npm test again.";
  if (!findPython(env))
    return "LyncCert's tests need Python with the cryptography package, the second judge of certificates: install it (Debian: apt-get install python3-cryptography; elsewhere: pip install cryptography), or set LYNCCERT_PYTHON, and run npm test again.";
  if (!findBrowser(env, platform))
    return "LyncCert's end-to-end tests need a Chromium-family browser: install Chromium (Debian: apt-get install chromium), Google Chrome or Microsoft Edge, or set LYNCCERT_CHROMIUM to its executable, and run npm test again.";
  const servers = missingAcmeServers();
  if (servers.length)
    return `LyncCert's ACME tests start Let's Encrypt's test CA and a DNS server; missing: ${servers.join(", ")} (Debian: apt-get install pebble bind9), then run npm test again.`;
  return undefined;
}
