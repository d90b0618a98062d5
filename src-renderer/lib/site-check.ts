import { InputErrors } from "../../shared/errors";
import { parseSite } from "../../shared/site/parse-site";
import type { Site } from "../../shared/site/site-types";
import { foreignPools } from "../../shared/site/foreign-pools";
import { fieldProblem, type FieldProblem } from "./field-labels";

export type SiteCheck = { site: Site; problems: []; warnings: string[] } | { site: undefined; problems: FieldProblem[]; warnings: [] };

/** The CLI's own validation, each problem placed at its field in the step's words; warnings do not block. */
export function checkSite(draft: unknown): SiteCheck {
  try {
    const site = parseSite(draft, "site");
    const warnings = foreignPools(site).map(
      (f) =>
        `Pool ${f.index + 1} (${f.fqdn}): none of its names is under the site's domains (${f.domains.slice(0, 4).join(", ")}${f.domains.length > 4 ? ", …" : ""}). A leftover of an example or of another site? Correct its names or remove it.`,
    );
    return { site, problems: [], warnings };
  } catch (e) {
    if (e instanceof InputErrors) return { site: undefined, problems: e.problems.map((p) => fieldProblem(p.field, p.message)), warnings: [] };
    return { site: undefined, problems: [fieldProblem(undefined, (e as Error).message)], warnings: [] };
  }
}
