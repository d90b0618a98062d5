import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";

/** Runs the openssl CLI, the independent judge of what LyncCert writes; throws with its stderr on failure. */
export function openssl(args: string[], input?: string | Buffer): string {
  const r = spawnSync("openssl", args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout + r.stderr;
}

export function opensslStatus(args: string[], input?: string | Buffer): { status: number; output: string } {
  const r = spawnSync("openssl", args, { input, encoding: "utf8" });
  return { status: r.status ?? -1, output: r.stdout + r.stderr };
}

export function opensslVersion(): string {
  return execFileSync("openssl", ["version"], { encoding: "utf8" }).trim();
}

/** A self-signed key and certificate made by openssl: the files, the key as PKCS#8 DER and the certificate as DER. */
export function selfSigned(dir: string, subject: string, keyArgs: string[] = ["-newkey", "rsa:2048"], extra: string[] = []) {
  const keyFile = join(dir, "k.pem");
  const certFile = join(dir, "c.pem");
  openssl(["req", "-x509", ...keyArgs, "-noenc", "-keyout", keyFile, "-out", certFile, "-subj", subject, "-days", "30", ...extra]);
  return {
    keyFile,
    certFile,
    pkcs8: execFileSync("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", keyFile, "-outform", "DER"]),
    der: execFileSync("openssl", ["x509", "-in", certFile, "-outform", "DER"]),
  };
}

/** openssl writing the PFX Windows Server 2008 R2–2016 reads (3DES, SHA-1 MAC): the reference for LyncCert's compat profile. */
export function opensslCompatPfx(o: { leaf: string; key: string; chain: string; password: string; out: string }): void {
  openssl([
    "pkcs12",
    "-export",
    "-in",
    o.leaf,
    "-inkey",
    o.key,
    "-certfile",
    o.chain,
    "-keypbe",
    "PBE-SHA1-3DES",
    "-certpbe",
    "PBE-SHA1-3DES",
    "-macalg",
    "sha1",
    "-passout",
    `pass:${o.password}`,
    "-out",
    o.out,
  ]);
}
