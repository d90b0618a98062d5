import { createRequire } from "node:module";
import { Language, Parser, type Node } from "web-tree-sitter";

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

/**
 * PowerShell's grammar as tree-sitter-powershell has it (run through web-tree-sitter from the grammar's own
 * .wasm: no native build): an independent judge of the scripts LyncCert writes, which no Windows here can run.
 * Its one known gap is an unquoted comma list of command arguments (Format-Table Use, Thumbprint), which the
 * scripts therefore quote.
 */
export async function powershellSyntaxErrors(script: string): Promise<string[]> {
  if (!parser) {
    await Parser.init();
    const language = await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"));
    parser = new Parser();
    parser.setLanguage(language);
  }
  const tree = parser.parse(script.replace(/^\uFEFF/, ""));
  if (!tree) throw new Error("tree-sitter did not parse the script");
  const errors: string[] = [];
  const walk = (node: Node) => {
    if (node.type === "ERROR" || node.isMissing) errors.push(`${node.isMissing ? "MISSING" : "ERROR"} at line ${node.startPosition.row + 1}: ${node.text.slice(0, 80)}`);
    for (const child of node.children) if (child) walk(child);
  };
  walk(tree.rootNode);
  tree.delete();
  return errors;
}
