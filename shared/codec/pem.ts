import { InputError } from "../errors";

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** PEM text with 64-column lines; CRLF for Windows CAs and certreq when asked. */
export function toPem(label: string, der: Uint8Array, options: { crlf?: boolean } = {}): string {
  const eol = options.crlf ? "\r\n" : "\n";
  const b64 = base64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----${eol}${lines.join(eol)}${eol}-----END ${label}-----${eol}`;
}

/**
 * Every PEM block in a text, in order; tolerant of CRLF, blank lines, headers and any text between blocks.
 * One pass: each BEGIN line is paired with the next END line, and a BEGIN whose END never comes, or comes
 * after another BEGIN, is skipped, so a text of unterminated BEGIN lines (a hostile CRL server's) costs
 * linear time, not the quadratic time of a lazy regular expression.
 */
export function parsePemBlocks(text: string, source = "input"): PemBlock[] {
  const blocks: PemBlock[] = [];
  let at = text.indexOf(BEGIN);
  let end = -1;
  while (at >= 0) {
    const labelEnd = text.indexOf(DASHES, at + BEGIN.length);
    const next = text.indexOf(BEGIN, at + BEGIN.length);
    if (labelEnd < 0) break;
    if (end < labelEnd) end = text.indexOf(END, labelEnd);
    if (end < 0) break;
    const label = text.slice(at + BEGIN.length, labelEnd);
    const closing = `${END}${label}${DASHES}`;
    if ((next < 0 || end < next) && /^[A-Z0-9 #]+$/.test(label) && text.startsWith(closing, end)) {
      blocks.push({ label, der: decodeBody(text.slice(labelEnd + DASHES.length, end), label, source) });
    }
    at = next;
  }
  return blocks;
}

const BEGIN = "-----BEGIN ";
const END = "-----END ";
const DASHES = "-----";

function decodeBody(raw: string, label: string, source: string): Uint8Array {
  const body = raw.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
  const invalid = new InputError(`${source}: the ${label} block is not valid Base64`, { field: source });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw invalid;
  try {
    return fromBase64(body);
  } catch {
    throw invalid;
  }
}

export function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
