import { InputError } from "../errors";

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
