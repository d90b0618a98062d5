import { InputError } from "../errors";
import { hostNameProblem } from "./host-name";

/**
 * Reads fields of untrusted JSON, collecting every problem with the path of its field
 * (`pools[2].servers[0]`) instead of stopping at the first.
 */
export class FieldReader {
  /** The first problems found; a hostile file cannot make the list, or its report, grow without bound. */
  readonly problems: InputError[] = [];
  /** Every problem found, kept or not. */
  total = 0;

  problem(field: string, message: string, rule?: string): void {
    if (this.total++ < MAX_KEPT) this.problems.push(new InputError(`${field}: ${message}`, { field, ...(rule ? { rule } : {}) }));
  }

  object(value: unknown, field: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.problem(field, `must be an object, found ${describe(value)}`);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.problem(`${field}.${key}`.replace(/^\./, ""), `unknown field; expected one of ${allowed.join(", ")}`);
    }
    return record;
  }

  boolean(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") {
      this.problem(field, `must be true or false, found ${describe(value)}`);
      return fallback;
    }
    return value;
  }

  hostName(value: unknown, field: string): string | undefined {
    if (typeof value !== "string") {
      this.problem(field, `must be a host name string, found ${describe(value)}`);
      return undefined;
    }
    const problem = hostNameProblem(value);
    if (problem) {
      this.problem(field, problem);
      return undefined;
    }
    return value.toLowerCase();
  }

  optionalHostName(value: unknown, field: string): string | undefined {
    return value === undefined ? undefined : this.hostName(value, field);
  }

  hostNames(value: unknown, field: string, { min }: { min: number }): string[] {
    if (value === undefined && min === 0) return [];
    if (!Array.isArray(value)) {
      this.problem(field, `must be a list of host names, found ${describe(value)}`);
      return [];
    }
    if (value.length < min) this.problem(field, `needs at least ${min} host name${min === 1 ? "" : "s"}`);
    const names = value.map((v, i) => this.hostName(v, `${field}[${i}]`)).filter((v): v is string => v !== undefined);
    const seen = new Set<string>();
    names.forEach((name) => {
      if (seen.has(name)) this.problem(field, `lists ${name} twice`);
      seen.add(name);
    });
    return names;
  }
}

const MAX_KEPT = 200;

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string "${value.length > 40 ? value.slice(0, 40) + "…" : value}"`;
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}
