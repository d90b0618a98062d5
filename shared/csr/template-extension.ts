import { BmpString } from "asn1js";
import { der } from "../codec/der-builders";
import { checkTemplateName } from "./template-name";

/** szOID_ENROLL_CERTTYPE_EXTENSION: the AD CS certificate template name (COMMON-TEMPLATE). */
export const TEMPLATE_NAME_OID = "1.3.6.1.4.1.311.20.2";

/** The template name as AD CS reads it: the extension value is a DER BMPString (tag 0x1E, UTF-16BE). */
export function templateNameValue(templateName: string): Uint8Array {
  return der(new BmpString({ value: checkTemplateName(templateName, "template") }));
}
