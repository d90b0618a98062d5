/**
 * CSV as RFC 4180 writes it (CRLF, fields with a comma, quote or line break quoted, quotes doubled). A field
 * that starts with = + - @ or a tab is prefixed with ' so that Excel shows it as text and never runs it as a
 * formula (OWASP, CSV Injection).
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
