import type { Command } from "./command";

/**
 * Every command by name and summary, each loading its module only when run: `lynccert --help` and a
 * command's start then compile only what they use (issue 13; `npm run bench -- startup`).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "roles", summary: "List the certificate roles LyncCert plans, with their -Type values", load: async () => (await import("./commands/roles")).rolesCommand },
  {
    name: "plan",
    summary: "Show the subject, SANs, EKU and exportability a role's certificate needs, with the rule behind each",
    load: async () => (await import("./commands/plan")).planCommand,
  },
  {
    name: "request",
    summary: "Generate a key and a compliant PKCS#10 request (.req), kept in the keystore",
    load: async () => (await import("./commands/request")).requestCommand,
  },
  {
    name: "renew",
    summary: "Renew a certificate: a new key and request from the same plan, re-derived from today's site, with what changed",
    load: async () => (await import("./commands/renew")).renewCommand,
  },
  { name: "list", summary: "List the requests in the keystore", load: async () => (await import("./commands/list")).listCommand },
  {
    name: "verify",
    summary: "Check an issued certificate, or a request before it goes to the CA, against every Lync rule for its role (exit 1 on any error)",
    load: async () => (await import("./commands/verify")).verifyCommand,
  },
  {
    name: "import",
    summary: "Attach what the CA issued (.cer/.crt/.pem/.p7b/.pfx, files or folders) to the pending requests and check each",
    load: async () => (await import("./commands/import")).importCommand,
  },
  {
    name: "export",
    summary: "Package an issued certificate with its key as PFX (compat or modern) or PEM, with the PowerShell to install it",
    load: async () => (await import("./commands/export")).exportCommand,
  },
  {
    name: "kit",
    summary: "Build a deployment kit per server: its PFX files, one install script (-WhatIf, -Roll) and a README, with a summary",
    load: async () => (await import("./commands/kit")).kitCommand,
  },
  {
    name: "inspect",
    summary: "Open a PFX (ours, Windows' Export-PfxCertificate, openssl's) and check what is inside",
    load: async () => (await import("./commands/inspect")).inspectCommand,
  },
  {
    name: "inf",
    summary: "Write a certreq .inf for generating the key on the Lync server itself (same names, EKU, key and template)",
    load: async () => (await import("./commands/inf")).infCommand,
  },
  {
    name: "topology",
    summary: "Make a site file from a Topology Builder document (.tbxml) or a published topology (Get-CsTopology -AsXml)",
    load: async () => (await import("./commands/topology")).topologyCommand,
  },
  {
    name: "acme",
    summary: "Order the certificate of a public-CA request (Edge external, reverse proxy) over ACME with a dns-01 challenge, and import it",
    load: async () => (await import("./commands/acme")).acmeCommand,
  },
  {
    name: "probe",
    summary: "Connect to a live endpoint (443, 4443, 5061, ...), check the certificate it presents and its CRLs",
    load: async () => (await import("./commands/probe")).probeCommand,
  },
];
