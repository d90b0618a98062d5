import { InputError } from "../errors";
import { checkPlainText } from "../text/plain-text";
import { countryProblem } from "./countries";

/** Optional subject attributes the Lync wizard asks for (Organization, OU, City, State, Country). */
export interface SubjectDetails {
  O?: string;
  OU?: string;
  L?: string;
  ST?: string;
  C?: string;
}

/** RFC 5280 upper bounds (ub-organization-name etc.). */
export const MAX_LENGTH: Record<keyof SubjectDetails, number> = { O: 64, OU: 64, L: 128, ST: 128, C: 2 };
const KEYS = Object.keys(MAX_LENGTH) as (keyof SubjectDetails)[];

/**
 * Parses `O=Contoso\, Ltd,OU=IT,L=Redmond,ST=Washington,C=US`; a comma inside a value is escaped with
 * a backslash. CN is not accepted: the planner sets it from the rules.
 */
export function parseSubjectOption(value: string): SubjectDetails {
  const details: SubjectDetails = {};
  for (const part of splitUnescaped(value)) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) throw new InputError(`--subject: "${part}" is not KEY=value`, { field: "--subject" });
    const key = part.slice(0, eq).trim().toUpperCase();
    const val = part.slice(eq + 1).trim();
    if (key === "CN") throw new InputError("--subject: CN is set by the role's rules and cannot be given", { field: "--subject" });
    if (key === "S") details.ST = val;
    else if ((KEYS as string[]).includes(key)) details[key as keyof SubjectDetails] = val;
    else throw new InputError(`--subject: unknown attribute ${key}; use O, OU, L, ST or C`, { field: "--subject" });
  }
  return checkSubjectDetails(details, "--subject");
}

export function checkSubjectDetails(details: SubjectDetails, field: string): SubjectDetails {
  for (const key of KEYS) {
    const v = details[key];
    if (v === undefined) continue;
    if (v.length === 0) throw new InputError(`${field}: ${key} is empty; leave it out instead`, { field: `${field}.${key}` });
    checkPlainText(v, `${field}.${key}`);
    if (v.length > MAX_LENGTH[key] && key !== "C")
      throw new InputError(`${field}: ${key} is ${v.length} characters; the limit is ${MAX_LENGTH[key]}`, { field: `${field}.${key}` });
  }
  if (details.C !== undefined && !/^[A-Z]{2}$/.test(details.C)) {
    throw new InputError(`${field}: C must be a two-letter ISO 3166 country code in capitals (for example US), found "${details.C}"`, { field: `${field}.C` });
  }
  const country = details.C === undefined ? undefined : countryProblem(details.C);
  if (country) throw new InputError(`${field}: C: ${country}`, { field: `${field}.C` });
  return details;
}

function splitUnescaped(value: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === "\\" && i + 1 < value.length) current += value[++i];
    else if (ch === ",") {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
