import { usageWords } from "../../shared/roles/cert-types";
import { roleTitle } from "./labels";

/** What a certificate is for, as every list and picker shows it: the server (the reverse proxy by name), the role, and its usages. */
export interface CertificateFor {
  role: string;
  server: string | null;
  cn: string;
  types: readonly string[];
}

/** Where it goes: the server, or for a certificate the topology does not tie to one server, what takes it. */
export function serverWords(c: CertificateFor): string {
  if (c.server) return c.server;
  return c.role === "reverse-proxy" ? "Reverse proxy" : c.cn;
}

/** The role and the usages in the Lync names ("Front End Server — Default, Web services internal"). */
export function certificateWords(c: CertificateFor): string {
  const usages = usageWords(c.types);
  return usages ? `${roleTitle(c.role)} — ${usages}` : roleTitle(c.role);
}
