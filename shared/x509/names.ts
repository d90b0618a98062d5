import type * as asn1x509 from "@peculiar/asn1-x509";

const SHORT_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "E",
  "2.5.4.5": "SERIALNUMBER",
};

function attributeText(value: asn1x509.AttributeTypeAndValue["value"]): string {
  return value.toString();
}

/** RFC 4514 escaping, so "O=Contoso, Ltd" reads as one attribute. */
function escapeValue(text: string): string {
  return text.replace(/[,+"\\<>;]/g, (c) => `\\${c}`).replace(/^[ #]|[ ]$/g, (c) => `\\${c}`);
}

/** RFC 4514 order (most specific first), as Windows and openssl show it. */
export function nameToString(name: asn1x509.Name): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((atv) => `${SHORT_NAMES[atv.type] ?? atv.type}=${escapeValue(attributeText(atv.value))}`).join("+"))
    .join(", ");
}

export function subjectCommonNames(name: asn1x509.Name): string[] {
  return name.flatMap((rdn) => rdn.filter((atv) => atv.type === "2.5.4.3").map((atv) => attributeText(atv.value)));
}

/** A distinguished name as shown to the admin: an empty subject is said, never a blank or a dangling arrow. */
export function shownName(dn: string): string {
  return dn || "(empty subject)";
}
