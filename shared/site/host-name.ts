/**
 * DNS host and domain names as Lync certificates carry them (CONV-DNSNAME): letters, digits and
 * hyphens, labels of 1–63 characters, 253 in all, at least two labels, lower case (CONV-CASE).
 * Returns the problem in words, or undefined when the name is fine.
 */
export function hostNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.includes("*")) return `"${name}" is a wildcard; a host name is needed here (WILDCARD-NO-CN)`;
  if (name.includes("_")) return `"${name}" contains an underscore, which DNS host names and certificate names may not (CONV-DNSNAME)`;
  if (/\s/.test(name)) return `"${name}" contains white space`;
  if (name.includes("://") || name.includes("/")) return `"${name}" looks like a URL; give only the host name (for example meet.contoso.com)`;
  if (name.endsWith(".")) return `"${name}" ends with a dot; drop the trailing dot`;
  if (name.length > 253) return `"${name}" is ${name.length} characters; a DNS name has at most 253`;
  const labels = name.split(".");
  if (labels.length < 2) return `"${name}" is a single label; give the fully qualified name (for example ${name}.contoso.com)`;
  for (const label of labels) {
    if (label.length === 0) return `"${name}" has an empty label (two dots in a row)`;
    if (label.length > 63) return `"${name}" has a label of ${label.length} characters ("${label.slice(0, 12)}…"); a label has at most 63`;
    if (!/^[a-z0-9-]+$/i.test(label)) return `"${name}" contains characters other than letters, digits and hyphens in "${label}" (no Unicode or IDN; CONV-DNSNAME)`;
    if (label.startsWith("-") || label.endsWith("-")) return `"${name}" has a label that starts or ends with a hyphen ("${label}")`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return `"${name}" looks like an IP address; a DNS name is needed`;
  return undefined;
}

/** The domain a host sits directly under: meet.contoso.com → contoso.com. */
export function parentDomain(host: string): string {
  return host.slice(host.indexOf(".") + 1);
}

/** True when host is the domain itself or any name below it. */
export function isAtOrUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
