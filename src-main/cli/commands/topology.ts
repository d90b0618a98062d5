import { resolve } from "node:path";
import { InputError } from "../../../shared/errors";
import { parseSite } from "../../../shared/site/parse-site";
import { splitHosts } from "../../../shared/site/host-list";
import { writeFileAtomic } from "../../services/files/atomic-write";
import { readInputFile } from "../../services/files/input-file";
import { COMMON_OPTIONS, type Command } from "../command";
import { importTopology } from "../../../shared/topology/topology-import";
import { MAX_TOPOLOGY_BYTES, xmlText } from "../../../shared/topology/xml-document";

export const topologyCommand: Command = {
  usage: "lynccert topology import FILE [--out site.json] [--meet HOST,...] [--dialin HOST,...] [--admin HOST,...] [--force] [--json]",
  options: { ...COMMON_OPTIONS, out: { type: "string" }, meet: { type: "string" }, dialin: { type: "string" }, admin: { type: "string" }, force: { type: "boolean" } },
  positionals: ["import", "FILE"],
  async run(values, positionals, io) {
    const [verb, file] = positionals;
    if (verb !== "import" || !file || positionals.length !== 2) throw new InputError("usage: lynccert topology import FILE [--out site.json]", { field: "FILE" });
    const xml = xmlText(await readInputFile(file, { field: file, kind: "a topology document", maxBytes: MAX_TOPOLOGY_BYTES }), file);
    const result = importTopology(xml, file, {
      ...(values.meet ? { meet: splitHosts(values.meet as string) } : {}),
      ...(values.dialin ? { dialin: splitHosts(values.dialin as string) } : {}),
      ...(values.admin ? { admin: splitHosts(values.admin as string) } : {}),
    });
    parseSite(result.site, `site made from ${file}`);
    const text = JSON.stringify(result.site, null, 2) + "\n";
    if (values.out) await writeFileAtomic(resolve(values.out as string), text, { overwrite: values.force === true });
    if (values.json)
      io.out(JSON.stringify({ format: result.format, out: values.out ? resolve(values.out as string) : null, assumptions: result.assumptions, site: result.site }, null, 2));
    else {
      if (!values.out) io.out(text.trimEnd());
      io.err(`${file}: ${result.format}${values.out ? `; site file written to ${values.out}` : ""}\nAssumed or left out:\n${result.assumptions.map((a) => `  - ${a}`).join("\n")}`);
    }
    return 0;
  },
};
