/** "a, b c" → ["a", "b", "c"]: host lists typed on one line (CLI options, form fields). */
export function splitHosts(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}
