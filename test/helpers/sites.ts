import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSite } from "../../shared/site/parse-site";
import type { Site } from "../../shared/site/site-types";

export const EXAMPLE_SITE_PATH = fileURLToPath(new URL("../../examples/contoso.site.json", import.meta.url));

export function exampleSiteJson(): Record<string, any> {
  return JSON.parse(readFileSync(EXAMPLE_SITE_PATH, "utf8"));
}

/** The README's example site with some fields changed. */
export function siteWith(change: (json: Record<string, any>) => void): Site {
  const json = exampleSiteJson();
  change(json);
  return parseSite(json, "test site");
}

export function exampleSite(): Site {
  return siteWith(() => {});
}

/** What the app's Generate step sends for the example site's Edge internal certificate. */
export function edgeInternalRequestInput(passphrase: string, remember: "no" | "session" | "keychain") {
  return {
    site: exampleSiteJson(),
    planRequest: { role: "edge-internal" as const },
    key: "rsa2048" as const,
    hash: "sha256" as const,
    subject: {},
    template: "WebServer",
    crlf: true,
    passphrase,
    remember,
  };
}
