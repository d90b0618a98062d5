/** szOID_ENROLL_CERTTYPE_EXTENSION: the AD CS certificate template name (COMMON-TEMPLATE). */
export const TEMPLATE_NAME_OID = "1.3.6.1.4.1.311.20.2";

/** The template name as AD CS reads it: the extension value is a DER BMPString (tag 0x1E, UTF-16BE). */
export function templateNameValue(templateName: string): Uint8Array {
  if (!/^[A-Za-z0-9 _.-]{1,64}$/.test(templateName)) {
    throw new RangeError(`template name "${templateName}" must be 1–64 letters, digits, spaces, dots, hyphens or underscores (the template's name, not its display name)`);
  }
  const utf16 = new Uint8Array(templateName.length * 2);
  for (let i = 0; i < templateName.length; i++) {
    utf16[2 * i] = templateName.charCodeAt(i) >> 8;
    utf16[2 * i + 1] = templateName.charCodeAt(i) & 0xff;
  }
  return new Uint8Array([0x1e, utf16.length, ...utf16]);
}
