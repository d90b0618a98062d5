import { usageWords } from "../../shared/roles/cert-types";
import { POOL_ROLES, type PoolRole } from "../../shared/site/site-types";
import { aPoolRole } from "./labels";
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

const usages = (list: string) => usageWords(list.split(","));

/** The command line's names for what the app calls otherwise; hints at commands become the app's own places. */
const CLI_WORDS: [RegExp, string | ((...groups: string[]) => string)][] = [
  [/\(--types ([\w,]+) plus --types (\w+)\)/g, (_m, a, b) => `(one certificate for ${usages(a!)}, another for ${usages(b!)})`],
  [/check it with lynccert verify FILE --site --role/g, "check it in Import and verify"],
  [/read it with lynccert inspect/g, "LyncCert reads only the certificates a CA sends (.cer, .crt, .pem, .p7b)"],
  [/ \((?:see )?lynccert [^)]*\)/g, ""],
  [/make one first with lynccert acme account --directory \S+/g, "make one first in Requests › Get it from a public CA…"],
  // The site file's schema words, said as what to do in the form.
  [/must be one of [a-z-]+(?:, [a-z-]+)+, found ("[^"]*"|\S+)/g, "$1 is not one of the choices: choose one from the list"],
  [/must be a list of host names, found nothing/g, "is empty: enter at least one host name"],
  [/must be a list of host names, found [^,;]+/g, "must be host names separated by commas"],
  [new RegExp(`\\ba (${POOL_ROLES.join("|")}) pool\\b`, "g"), (_m, role) => aPoolRole(role as PoolRole)],
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
  let text = CLI_WORDS.reduce((t, [pattern, words]) => t.replace(pattern, words as string), message);
  text = text.replace(/\bpool (\d+)\b/g, (_m, i: string) => `Pool ${Number(i) + 1}`);
  // Only the site file's camelCase keys: "role" and "servers" are ordinary words in a message too.
  for (const [key, label] of Object.entries(POOL_LABELS)) if (/[A-Z]/.test(key)) text = text.replace(new RegExp(`\\b${key}\\b`, "g"), label);
  return text;
}

export interface FieldProblem {
  /** The id of the input it belongs to (the summary's link target); undefined for the site as a whole. */
  id: string | undefined;
  /** The site-file path it is about ("pools[0].fqdn"), as the parser names it. */
  path: string | undefined;
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
  if (!field) return { id: undefined, path: undefined, where: "Topology", text };
  const pool = /^pools\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (pool) {
    const n = Number(pool[1]) + 1;
    const key = pool[2];
    return {
      id: key && POOL_LABELS[key] ? fieldId(`pools[${pool[1]}].${key}`) : fieldId(`pools[${pool[1]}]`),
      path: field,
      where: `Pool ${n}${key ? ` › ${POOL_LABELS[key] ?? key}` : ""}`,
      text,
    };
  }
  const top = Object.keys(SITE_LABELS).find((k) => field === k || field.startsWith(`${k}[`) || field.startsWith(`${k}.`));
  return top ? { id: fieldId(top), path: field, where: SITE_LABELS[top]!, text } : { id: undefined, path: field, where: appWords(field), text };
}

/** The value at a site-file path ("pools[0].servers"), or undefined. */
function valueAt(draft: unknown, path: string): unknown {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), draft);
}

/** A problem of a field nobody has filled in yet: what to fill in, not an error (first start shows no wall of red). */
export function notFilledIn(draft: unknown, p: FieldProblem): boolean {
  if (!p.path) return false;
  const v = valueAt(draft, p.path);
  return v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}
