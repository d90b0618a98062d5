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

/** Every PEM block in a text, in order; tolerant of CRLF, blank lines and text between blocks. */
export function parsePemBlocks(text: string, source = "input"): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    const body = m[2]!.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new InputError(`${source}: the ${m[1]} block is not valid Base64`, { field: m[1] });
    blocks.push({ label: m[1]!, der: fromBase64(body) });
  }
  return blocks;
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
