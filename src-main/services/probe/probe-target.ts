import { InputError } from "../../../shared/errors";

/** "host", "host:port" or "[v6]:port"; 443 by default. */
export function parseTarget(target: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(target) ?? /^([^:]+)(?::(\d+))?$/.exec(target);
  const port = m?.[2] ? Number(m[2]) : 443;
  if (!m || !m[1] || port < 1 || port > 65535) throw new InputError(`${target}: expected HOST or HOST:PORT (for example sip.contoso.com:5061)`, { field: "HOST" });
  return { host: m[1], port };
}
