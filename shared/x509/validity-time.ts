import * as asn1js from "asn1js";
import { signedParts } from "../codec/der-span";

/**
 * notBefore and notAfter read from their own text. Date.UTC maps years 0–99 to 1900–1999, so a
 * GeneralizedTime of year 0001 came back as 1901 through asn1js; UTCTime's two-digit years follow RFC 5280
 * (50–99 → 19xx, 00–49 → 20xx), GeneralizedTime's four digits are taken as written.
 */
export function validityTimes(der: Uint8Array): { notBefore: Date; notAfter: Date } | undefined {
  try {
    const tbs = asn1js.fromBER(signedParts(der).tbs.slice().buffer, { maxNodes: 50_000 }).result as asn1js.Sequence;
    const fields = tbs.valueBlock.value;
    const validity = fields[fields[0]?.idBlock.tagClass === 3 ? 4 : 3] as asn1js.Sequence;
    const [notBefore, notAfter] = validity.valueBlock.value.map(timeOf);
    return notBefore && notAfter ? { notBefore, notAfter } : undefined;
  } catch {
    return undefined;
  }
}

function timeOf(block: asn1js.BaseBlock): Date | undefined {
  const text = new TextDecoder("latin1").decode((block as asn1js.UTCTime).valueBlock.valueHexView);
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d{1,3})\d*)?Z$/.exec(text);
  if (!m) return undefined;
  // asn1js's GeneralizedTime is a subclass of its UTCTime: ask for the four-digit kind.
  const short = !(block instanceof asn1js.GeneralizedTime);
  if (short !== (m[1]!.length === 2)) return undefined;
  const year = short ? Number(m[1]) + (Number(m[1]) >= 50 ? 1900 : 2000) : Number(m[1]);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Number((m[7] ?? "0").padEnd(3, "0")));
  return date;
}
