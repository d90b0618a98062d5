import { checkPlainText } from "../text/plain-text";

/**
 * A PowerShell single-quoted (verbatim) string. PowerShell's tokenizer ends such a string on the ASCII
 * apostrophe and on the typographic single quotes U+2018–U+201B alike, and reads each of them doubled as
 * one literal quote (about_Quoting_Rules, "Including quote characters in a string"; PowerShell's
 * CharExtensions.IsSingleQuote). Line breaks are refused: they are legal inside the literal, but the same
 * values also go into `#` comments.
 */
export function psLiteral(value: string, field: string): string {
  return `'${checkPlainText(value, field).replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** Text for a `#` comment line: anything but a line break (refused) is inert there. */
export function psComment(value: string, field: string): string {
  return checkPlainText(value, field);
}

/**
 * A quoted INF value for certreq: the INF parser folds each doubled `"` into one and expands `%key%`
 * tokens, so `%` is written `%%` ("INF Strings Section" and "General Syntax Rules for INF Files",
 * learn.microsoft.com/windows-hardware/drivers/install). Line breaks would start a new INF line: refused.
 */
export function infQuoted(value: string, field: string): string {
  return `"${infEscaped(value, field)}"`;
}

/** The inside of a quoted INF value, for values built of several parts. */
export function infEscaped(value: string, field: string): string {
  return checkPlainText(value, field).replace(/"/g, '""').replace(/%/g, "%%");
}
