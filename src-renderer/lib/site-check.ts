import { InputErrors } from "../../shared/errors";
import { parseSite } from "../../shared/site/parse-site";
import type { Site } from "../../shared/site/site-types";

export type SiteCheck = { site: Site; problems: [] } | { site: undefined; problems: string[] };

/** The CLI's own validation, so the wizard shows the same messages. */
export function checkSite(draft: unknown): SiteCheck {
  try {
    return { site: parseSite(draft, "site"), problems: [] };
  } catch (e) {
    if (e instanceof InputErrors) return { site: undefined, problems: e.problems.map((p) => p.message) };
    return { site: undefined, problems: [(e as Error).message] };
  }
}
