import { InputError } from "../errors";

/**
 * Characters that end a line, or steer a terminal, in what LyncCert writes: C0 and C1 controls (CR, LF,
 * NEL U+0085, ESC...) and the Unicode line and paragraph separators U+2028/U+2029. A name carrying one
 * could leave a PowerShell comment, add a line to a certreq INF or rewrite the admin's terminal.
 */
const LINE_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** Refuses a name with a line break or control character, naming the field and the character. */
export function checkPlainText(value: string, field: string): string {
  const bad = LINE_OR_CONTROL.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw new InputError(`${field}: contains the control or line-break character U+${code} at position ${bad.index + 1}; names may not contain line breaks or control characters`, {
      field,
    });
  }
  return value;
}

/** One line for a terminal: control characters (ANSI escapes, CR, LF, NEL) and line separators shown as `?`. */
export function terminalText(line: string): string {
  return line.replace(new RegExp(LINE_OR_CONTROL.source, "gu"), "?");
}
