import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REFERENCE_RULES } from "../../shared/rules/reference-rules.generated";
import { isReferenceRuleId, referenceRule, sourcePage } from "../../shared/rules/rule-ids";
// @ts-expect-error plain .mjs script without types
import { parseReference } from "../../scripts/gen-rule-catalogue.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const referencePath = join(root, "..", "shared", "reference", "lync-2013-certificates.md");

/** The code that may cite a rule: shared/, src-main/ and the renderer, generated tables excepted. */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  return ["shared", "src-main", "src-renderer"].flatMap((d) => walk(join(root, d))).filter((f) => /\.(ts|svelte)$/.test(f) && !f.endsWith(".generated.ts"));
}

describe("rule catalogue", () => {
  it.skipIf(!existsSync(referencePath))("is generated from the current ../shared/reference (run scripts/gen-rule-catalogue.mjs)", () => {
    const { rules } = parseReference(readFileSync(referencePath, "utf8"));
    expect(JSON.parse(JSON.stringify(REFERENCE_RULES))).toEqual(rules);
  });

  it("gives each rule its level and a source page a reader can open", () => {
    const rule = referenceRule("COMMON-CDP");
    expect(rule.level).toBe("MUST");
    expect(rule.sources).toContain("S-INFRA");
    expect(sourcePage("S-INFRA")).toBe("Lync/LyncServer/lync-server-2013-certificate-infrastructure-requirements.md");
  });

  it("every rule the reference marks MUST or SHOULD is cited in the code (planner, validator, export or a note)", () => {
    const code = sourceFiles()
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const obligations = Object.entries(REFERENCE_RULES)
      .filter(([, r]) => /^(MUST|SHOULD)/.test(r.level))
      .map(([id]) => id);
    expect(obligations.length).toBeGreaterThan(120);
    expect(obligations.filter((id) => !new RegExp(`(?<![A-Z0-9-])${id}(?![A-Z0-9-])`).test(code))).toEqual([]);
  });

  it("every rule id quoted in the code exists in the reference", () => {
    const ids = new Set<string>();
    for (const file of sourceFiles()) {
      for (const m of readFileSync(file, "utf8").matchAll(
        /(?<![A-Z]-)\b((?:CONV|COMMON|WILDCARD|SE|FE|DIR|MED|SBA|SBS|MOB|EDGE|XMPP|RP|PCHAT|OAUTH|OWAS|TOPO|DELTA)-[A-Z0-9-]*[A-Z0-9]|AMB-\d\d)\b/g,
      ))
        ids.add(m[1]!);
    }
    const unknown = [...ids].filter((id) => !isReferenceRuleId(id));
    expect(unknown).toEqual([]);
    expect(ids.size).toBeGreaterThan(100);
  });
});
