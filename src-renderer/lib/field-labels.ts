/** The Topology step's own labels for the site file's fields, so no error shows a path like pools[0].fqdn. */
const SITE_LABELS: Record<string, string> = {
  sipDomains: "SIP domains",
  internalDomain: "Internal AD domain",
  "simpleUrls.meet": "Meet URLs",
  "simpleUrls.dialin": "Dial-in URLs",
  "simpleUrls.admin": "Admin URLs",
  "features.xmppDomains": "XMPP federation domains",
  pools: "Pools",
};
const POOL_LABELS: Record<string, string> = {
  role: "Role",
  fqdn: "Pool FQDN",
  servers: "Servers",
  externalWebFqdn: "External web FQDN",
  internalWebFqdn: "Internal web FQDN",
  autoSignInStrictDns: "Strict-DNS automatic sign-in target",
  accessEdgeFqdn: "Access Edge FQDN",
  webConfEdgeFqdn: "Web Conferencing Edge FQDN",
  avEdgeFqdn: "A/V Edge FQDN",
};

/** The command line's names for what the app calls otherwise. */
const CLI_WORDS: [RegExp, string][] = [
  [/--types\b/g, "Usages"],
  [/--server\b/g, "Server"],
  [/--key\b/g, "Key"],
  [/--hash\b/g, "Signature"],
  [/--subject\b/g, "Subject details"],
  [/--template\b/g, "Template"],
  [/\bsite file\b/g, "topology"],
  [/\bpools\[(\d+)\]/g, "pool $1"],
];

/** A message in the app's words: CLI options and site-file keys become the labels the admin sees. */
export function appWords(message: string): string {
  let text = CLI_WORDS.reduce((t, [pattern, words]) => t.replace(pattern, words), message);
  text = text.replace(/\bpool (\d+)\b/g, (_m, i: string) => `Pool ${Number(i) + 1}`);
  // Only the site file's camelCase keys: "role" and "servers" are ordinary words in a message too.
  for (const [key, label] of Object.entries(POOL_LABELS)) if (/[A-Z]/.test(key)) text = text.replace(new RegExp(`\\b${key}\\b`, "g"), label);
  return text;
}

export interface FieldProblem {
  /** The id of the input it belongs to (the summary's link target); undefined for the site as a whole. */
  id: string | undefined;
  /** Where, in the step's own labels ("Pool 2 › External web FQDN"). */
  where: string;
  text: string;
}

/** The input id of a site field, shared by the Topology step's inputs and the problems that point at them. */
export function fieldId(path: string): string {
  return `site-${path.replace(/[[\].]+/g, "-").replace(/-$/, "")}`;
}

/** A site-file problem placed at its field, in the step's words. */
export function fieldProblem(field: string | undefined, message: string): FieldProblem {
  const text = appWords(field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);
  if (!field) return { id: undefined, where: "Topology", text };
  const pool = /^pools\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (pool) {
    const n = Number(pool[1]) + 1;
    const key = pool[2];
    return {
      id: key && POOL_LABELS[key] ? fieldId(`pools[${pool[1]}].${key}`) : fieldId(`pools[${pool[1]}]`),
      where: `Pool ${n}${key ? ` › ${POOL_LABELS[key] ?? key}` : ""}`,
      text,
    };
  }
  const top = Object.keys(SITE_LABELS).find((k) => field === k || field.startsWith(`${k}[`) || field.startsWith(`${k}.`));
  return top ? { id: fieldId(top), where: SITE_LABELS[top]!, text } : { id: undefined, where: appWords(field), text };
}
