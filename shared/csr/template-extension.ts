import { BmpString } from "asn1js";
import { InputError } from "../errors";
import { der } from "../codec/der-builders";

/** szOID_ENROLL_CERTTYPE_EXTENSION: the AD CS certificate template name (COMMON-TEMPLATE). */
export const TEMPLATE_NAME_OID = "1.3.6.1.4.1.311.20.2";

/**
 * A template's name (not its display name, COMMON-TEMPLATE): the `cn` of the template object in Active
 * Directory, at most 64 characters (the attribute's upper range).
 */
export const TEMPLATE_NAME_PATTERN = /^[A-Za-z0-9 _.-]{1,64}$/;

export function checkTemplateName(templateName: string, field: string): string {
  if (!TEMPLATE_NAME_PATTERN.test(templateName)) {
    throw new InputError(
      `${field}: "${templateName.slice(0, 80)}" is not a template name: 1–64 letters, digits, spaces, dots, hyphens or underscores (the template's name, not its display name) (COMMON-TEMPLATE)`,
      { field, rule: "COMMON-TEMPLATE" },
    );
  }
  return templateName;
}

/** The template name as AD CS reads it: the extension value is a DER BMPString (tag 0x1E, UTF-16BE). */
export function templateNameValue(templateName: string): Uint8Array {
  return der(new BmpString({ value: checkTemplateName(templateName, "template") }));
}
