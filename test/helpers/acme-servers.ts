import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { join } from "node:path";
import { cli } from "./cli";
import { openssl } from "./openssl";
import { EXAMPLE_SITE_PATH } from "./sites";

/** A free TCP port on 127.0.0.1 (UDP is free there too in practice: nothing else here listens on high ports). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  process: ChildProcess;
  stop(): void;
}

/** Starts a server and keeps its output, so a failed start says why; stopped by PID. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Running & { output: () => string } {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  return {
    process: child,
    output: () => output,
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(child.pid, "SIGTERM");
    },
  };
}

async function until(what: string, ok: () => Promise<boolean>, output: () => string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${ms / 1000} s:\n${output()}`);
}

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 2000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.end();
  });
}

/** A TLS certificate for 127.0.0.1 and localhost from a root made here (the Debian package ships no test certificates). */
export function tlsFor127(dir: string): { root: string; cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const root = join(dir, "tls-root.pem");
  const rootKey = join(dir, "tls-root.key");
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-noenc", "-keyout", rootKey, "-out", root, "-days", "2", "-subj", "/CN=LyncCert test ACME TLS root"]);
  const key = join(dir, "tls.key");
  const csr = join(dir, "tls.csr");
  openssl(["req", "-new", "-newkey", "rsa:2048", "-noenc", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"]);
  writeFileSync(join(dir, "tls.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  const cert = join(dir, "tls.pem");
  openssl(["x509", "-req", "-in", csr, "-CA", root, "-CAkey", rootKey, "-set_serial", "7", "-days", "2", "-extfile", join(dir, "tls.ext"), "-out", cert]);
  return { root, cert, key };
}

export interface Pebble extends Running {
  directory: string;
  /** The root the ACME server's own TLS certificate chains to (for --ca-file). */
  tlsRoot: string;
  /** GET on Pebble's management interface: /roots/0, /intermediates/0, /intermediate-keys/0 (for a simulated CA that writes a CDP). */
  managementGet(path: string): Promise<string>;
}

/**
 * Let's Encrypt's test CA from Debian (`pebble` 2.4.0), on 127.0.0.1 with free ports, validating dns-01 against
 * the DNS server given. No artificial sleeps; every nonce accepted (our badNonce retry is tested apart).
 */
export async function startPebble(dir: string, dnsServer: string, o: { eab?: Record<string, string> } = {}): Promise<Pebble> {
  const tls = tlsFor127(dir);
  const [port, management, http, tlsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const config = join(dir, "pebble-config.json");
  writeFileSync(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${port}`,
        managementListenAddress: `127.0.0.1:${management}`,
        certificate: tls.cert,
        privateKey: tls.key,
        httpPort: http,
        tlsPort,
        ocspResponderURL: "",
        externalAccountBindingRequired: o.eab !== undefined,
        ...(o.eab ? { externalAccountMACKeys: o.eab } : {}),
      },
    }),
  );
  const server = start("pebble", ["-config", config, "-dnsserver", dnsServer], { PEBBLE_VA_NOSLEEP: "1", PEBBLE_WFE_NONCEREJECT: "0", PEBBLE_AUTHZREUSE: "0" });
  const ca = readFileSync(tls.root, "utf8");
  const directory = `https://127.0.0.1:${port}/dir`;
  await until("pebble", async () => (await httpsGet(directory, ca)).status === 200, server.output);
  return { ...server, directory, tlsRoot: tls.root, managementGet: async (path) => (await httpsGet(`https://127.0.0.1:${management}${path}`, ca)).body };
}

export interface ChallTestSrv extends Running {
  /** Its DNS server, which Pebble asks and LyncCert checks (HOST:PORT). */
  dns: string;
  management: string;
}

/** Pebble's companion DNS server, whose TXT records a hook sets through its management API. */
export async function startChallTestSrv(): Promise<ChallTestSrv> {
  const [dns, management] = await Promise.all([freePort(), freePort()]);
  const server = start("pebble-challtestsrv", ["-dns01", `127.0.0.1:${dns}`, "-management", `127.0.0.1:${management}`, "-http01", "", "-https01", "", "-tlsalpn01", ""]);
  await until(
    "pebble-challtestsrv",
    async () => (await fetch(`http://127.0.0.1:${management}/clear-txt`, { method: "POST", body: JSON.stringify({ host: "probe." }) })).ok,
    server.output,
  );
  return { ...server, dns: `127.0.0.1:${dns}`, management: `http://127.0.0.1:${management}` };
}

export interface Bind extends Running {
  dns: string;
  /** Each TSIG key's BIND-style key file, by key name. */
  keyFiles: Record<string, string>;
}

/**
 * BIND 9 from Debian as the RFC 2136 server: authoritative for the given zones on 127.0.0.1 with a free port.
 * `grants` makes a TSIG key (tsig-keygen) per name and lets it update as BIND's update-policy says, per zone
 * (`zonesub TXT`, or `subdomain NAME TXT` for one subtree). `records` are zone-file lines put in a zone at the start.
 */
async function startBind(dir: string, zones: readonly string[], o: { grants: Record<string, Record<string, string>>; records?: Record<string, string[]> }): Promise<Bind> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const keyFiles: Record<string, string> = {};
  const keyTexts = Object.keys(o.grants).map((name) => {
    const keygen = spawnSync("tsig-keygen", ["-a", "hmac-sha256", name], { encoding: "utf8" });
    if (keygen.status !== 0) throw new Error(`tsig-keygen failed: ${keygen.stderr}`);
    keyFiles[name] = join(dir, `${name}.key`);
    writeFileSync(keyFiles[name], keygen.stdout);
    return keygen.stdout;
  });
  const zoneStanzas = zones.map((z) => {
    const file = join(dir, `${z}.zone`);
    writeFileSync(file, [`$TTL 60`, `@ IN SOA ns.${z}. hostmaster.${z}. 1 3600 600 86400 60`, `@ IN NS ns.${z}.`, `ns IN A 127.0.0.1`, ...(o.records?.[z] ?? []), ""].join("\n"));
    const grants = Object.entries(o.grants).flatMap(([key, zonesOf]) => (zonesOf[z] ? [`grant ${key} ${zonesOf[z]};`] : []));
    return `zone "${z}" { type primary; file "${file}"; ${grants.length ? `update-policy { ${grants.join(" ")} };` : ""} };`;
  });
  const conf = join(dir, "named.conf");
  writeFileSync(
    conf,
    [
      ...keyTexts,
      `options { directory "${dir}"; listen-on port ${port} { 127.0.0.1; }; listen-on-v6 { none; }; pid-file "${join(dir, "named.pid")}"; recursion no; dnssec-validation no; };`,
      ...zoneStanzas,
      "",
    ].join("\n"),
  );
  const server = start("named", ["-g", "-c", conf, ...(process.getuid?.() === 0 ? ["-u", "root"] : [])]);
  await until("named", async () => server.output().includes("running"), server.output);
  return { ...server, dns: `127.0.0.1:${port}`, keyFiles };
}

/** Pebble validating against its own DNS companion: what most ACME tests run; `stop` ends both. */
export async function startPebbleWithDns(dir: string, o: { eab?: Record<string, string> } = {}): Promise<{ pebble: Pebble; challtestsrv: ChallTestSrv; stop(): void }> {
  const challtestsrv = await startChallTestSrv();
  const pebble = await startPebble(join(dir, "pebble"), challtestsrv.dns, o).catch((e: unknown) => {
    challtestsrv.stop();
    throw e;
  });
  return {
    pebble,
    challtestsrv,
    stop: () => {
      pebble.stop();
      challtestsrv.stop();
    },
  };
}

/**
 * BIND for the example site's public certificates: every contoso.com name of the Edge external and reverse-proxy
 * certificates (wildcards too) delegates its _acme-challenge once, by CNAME, to _acme.contoso.com, the one subtree
 * key `lynccert-acme` may update; fabrikam.com takes updates itself (also from `fabrikam-only`, a key for that zone alone).
 */
export async function startBindForExample(dir: string): Promise<Bind> {
  const names = new Set<string>();
  for (const args of [
    ["--role", "edge-external"],
    ["--role", "reverse-proxy"],
    ["--role", "reverse-proxy", "--wildcards"],
  ]) {
    const plan = JSON.parse((await cli(["plan", "--site", EXAMPLE_SITE_PATH, ...args, "--json"])).out);
    for (const n of plan.san as { name: string }[]) names.add(n.name.replace(/^\*\./, ""));
  }
  const label = (n: string) => (n === "contoso.com" ? "" : `.${n.slice(0, -".contoso.com".length)}`);
  const delegations = [...names]
    .filter((n) => n === "contoso.com" || n.endsWith(".contoso.com"))
    .map((n) => `_acme-challenge${label(n)}.contoso.com. IN CNAME apex${label(n)}._acme.contoso.com.`);
  return startBind(dir, ["contoso.com", "fabrikam.com"], {
    grants: {
      "lynccert-acme": { "contoso.com": "subdomain _acme.contoso.com. TXT", "fabrikam.com": "zonesub TXT" },
      "fabrikam-only": { "fabrikam.com": "zonesub TXT" },
    },
    records: { "contoso.com": delegations },
  });
}
