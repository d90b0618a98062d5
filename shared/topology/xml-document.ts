import { XMLParser, XMLValidator } from "fast-xml-parser";
import { InputError } from "../errors";

/** A parsed element: attributes under "@", children by local name (namespace prefixes removed). */
export type XmlNode = Record<string, unknown>;

export const MAX_TOPOLOGY_BYTES = 16 * 1024 * 1024;

/**
 * Parses a topology document safely: a size limit, and no DTD at all, so neither entity expansion
 * (billion laughs) nor external entities (XXE) can happen; such a document is refused by name.
 */
export function parseXml(text: string, file: string): XmlNode {
  if (text.length > MAX_TOPOLOGY_BYTES) throw new InputError(`${file}: ${text.length} characters is larger than a topology document can be (limit ${MAX_TOPOLOGY_BYTES})`, { field: file });
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new InputError(`${file}: contains a DOCTYPE or ENTITY declaration; topology documents have none, and LyncCert refuses them (entity expansion and external entities are attacks)`, { field: file });
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InputError(`${file}: not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`, { field: file });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    isArray: (name) => ["InternalDomain", "SimpleUrl", "SimpleUrlEntry", "Cluster", "Machine", "Service", "Port", "CentralSite"].includes(name),
  });
  return parser.parse(text) as XmlNode;
}

/** Every element with this local name, anywhere below `node`. */
export function findAll(node: unknown, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      for (const [key, value] of Object.entries(n)) {
        if (key.startsWith("@")) continue;
        if (key === name) (Array.isArray(value) ? value : [value]).forEach((v) => v && typeof v === "object" && out.push(v as XmlNode));
        walk(value);
      }
    }
  };
  walk(node);
  return out;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const v = node?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === "object" ? (first as XmlNode) : undefined;
}
