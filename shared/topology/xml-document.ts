import { XMLParser, XMLValidator } from "fast-xml-parser";
import { InputError } from "../errors";

/** A parsed element: attributes under "@", children by local name (namespace prefixes removed). */
export type XmlNode = Record<string, unknown>;

export const MAX_TOPOLOGY_BYTES = 16 * 1024 * 1024;
/** A start tag with its attributes: Topology Builder writes a handful per element; a million is an attack on the parser. */
const MAX_START_TAG = 64 * 1024;

/** Where a tag runs longer than MAX_START_TAG, in one linear pass (a regular expression could backtrack). */
function longStartTag(text: string): number | undefined {
  for (let open = text.indexOf("<"); open >= 0;) {
    const close = text.indexOf(">", open);
    const end = close < 0 ? text.length : close;
    if (end - open > MAX_START_TAG) return open;
    if (close < 0) return undefined;
    open = text.indexOf("<", close);
  }
  return undefined;
}

/**
 * Parses a topology document safely: a size limit, and no DTD at all, so neither entity expansion
 * (billion laughs) nor external entities (XXE) can happen; such a document is refused by name.
 */
export function parseXml(text: string, file: string): XmlNode {
  if (text.length > MAX_TOPOLOGY_BYTES)
    throw new InputError(`${file}: ${text.length} characters is larger than a topology document can be (limit ${MAX_TOPOLOGY_BYTES})`, { field: file });
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new InputError(
      `${file}: contains a DOCTYPE or ENTITY declaration; topology documents have none, and LyncCert refuses them (entity expansion and external entities are attacks)`,
      { field: file },
    );
  }
  const longTag = longStartTag(text);
  if (longTag !== undefined)
    throw new InputError(`${file}: an element at character ${longTag} has a start tag over ${MAX_START_TAG} characters; a topology's elements have a few attributes`, {
      field: file,
    });
  // The parser's own guards (nesting depth, say) throw plain errors: each is said as what is wrong with the file.
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(text);
  } catch (e) {
    throw new InputError(`${file}: not a topology LyncCert can read (${(e as Error).message.split("\n")[0]})`, { field: file });
  }
  if (valid !== true) throw new InputError(`${file}: not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`, { field: file });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    isArray: (name) => ["InternalDomain", "SimpleUrl", "SimpleUrlEntry", "Cluster", "Machine", "Service", "Port", "CentralSite"].includes(name),
  });
  try {
    return parser.parse(text) as XmlNode;
  } catch (e) {
    throw new InputError(`${file}: not a topology LyncCert can read (${(e as Error).message.split("\n")[0]})`, { field: file });
  }
}

/**
 * A topology file's text, whatever Windows wrote: `Get-CsTopology -AsXml > f.xml` in Windows PowerShell
 * writes UTF-16LE with a byte-order mark; Topology Builder and Publish-CsTopology files are UTF-8.
 */
export function xmlText(bytes: Uint8Array, file: string): string {
  const [a, b, c] = bytes;
  const encoding =
    a === 0xff && b === 0xfe ? "utf-16le" : a === 0xfe && b === 0xff ? "utf-16be" : a === 0x3c && b === 0x00 ? "utf-16le" : a === 0x00 && b === 0x3c ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new InputError(`${file}: is not ${encoding.toUpperCase()} text${c === undefined ? " (empty)" : ""}`, { field: file });
  }
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
  return typeof v === "string" && v.trim() !== "" ? decodeReferences(v.trim()) : undefined;
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's own references (numeric and the five predefined); no DTD is read, so there are no others. */
function decodeReferences(value: string): string {
  return value.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (whole, dec: string, hex: string, name: string) => {
    if (name) return PREDEFINED[name]!;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const v = node?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === "object" ? (first as XmlNode) : undefined;
}
