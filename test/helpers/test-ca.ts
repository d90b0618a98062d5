import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openssl } from "./openssl";

export interface IssueOptions {
  /** DNS names of the SAN; an empty list leaves the SAN extension out. */
  san: string[];
  eku?: string | null;
  cdp?: string | null;
  keyUsage?: string | null;
  days?: number;
  digest?: "sha256" | "sha224" | "sha1" | "md5";
  pss?: boolean;
  /** Sign with the root directly instead of the intermediate. */
  byRoot?: boolean;
  /** Override the subject of the CSR. */
  subject?: string;
  /** Sign with another certificate and key (for a chain through a non-CA). */
  signer?: { cert: string; key: string };
  /** More lines for the extension section, in openssl's x509v3 config syntax. */
  extra?: string[];
  /** Back-date the start this many days (through `openssl ca -startdate`: `x509 -req` always starts now). */
  startDaysAgo?: number;
}

/** A two-level openssl CA (root → intermediate) that issues from CSRs with any defect asked for. */
export class TestCa {
  private serial = 1000;
  readonly root: string;
  readonly intermediate: string;

  private constructor(readonly dir: string) {
    this.root = join(dir, "root.pem");
    this.intermediate = join(dir, "intermediate.pem");
  }

  static create(dir: string): TestCa {
    mkdirSync(dir, { recursive: true });
    const ca = new TestCa(dir);
    const caExt = join(dir, "ca.cnf");
    writeFileSync(caExt, "[v3]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
    openssl([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-noenc",
      "-keyout",
      join(dir, "root.key"),
      "-out",
      ca.root,
      "-subj",
      "/O=Contoso/CN=Contoso Test Root CA",
      "-days",
      "3650",
      "-addext",
      "basicConstraints=critical,CA:true",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl([
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-noenc",
      "-keyout",
      join(dir, "intermediate.key"),
      "-out",
      join(dir, "intermediate.csr"),
      "-subj",
      "/O=Contoso/CN=Contoso Test Issuing CA",
    ]);
    openssl([
      "x509",
      "-req",
      "-in",
      join(dir, "intermediate.csr"),
      "-CA",
      ca.root,
      "-CAkey",
      join(dir, "root.key"),
      "-set_serial",
      "2",
      "-days",
      "3000",
      "-extfile",
      caExt,
      "-extensions",
      "v3",
      "-out",
      ca.intermediate,
    ]);
    return ca;
  }

  issue(csr: string, out: string, o: IssueOptions): string {
    const ext = [`[v3]`, "basicConstraints=CA:false"];
    if (o.san.length) ext.push(`subjectAltName=${o.san.map((n) => `DNS:${n}`).join(",")}`);
    if (o.eku !== null) ext.push(`extendedKeyUsage=${o.eku ?? "serverAuth"}`);
    if (o.keyUsage !== null) ext.push(`keyUsage=${o.keyUsage ?? "critical,digitalSignature,keyEncipherment"}`);
    if (o.cdp !== null) ext.push(`crlDistributionPoints=${o.cdp ?? "URI:http://pki.contoso.com/issuing.crl"}`);
    ext.push(...(o.extra ?? []));
    const extFile = `${out}.cnf`;
    writeFileSync(extFile, ext.join("\n") + "\n");
    const signer = o.signer
      ? ["-CA", o.signer.cert, "-CAkey", o.signer.key]
      : o.byRoot
        ? ["-CA", this.root, "-CAkey", join(this.dir, "root.key")]
        : ["-CA", this.intermediate, "-CAkey", join(this.dir, "intermediate.key")];
    const args = [
      "x509",
      "-req",
      "-in",
      csr,
      ...signer,
      "-set_serial",
      String(this.serial++),
      "-days",
      String(o.days ?? 365),
      "-extfile",
      extFile,
      "-extensions",
      "v3",
      `-${o.digest ?? "sha256"}`,
      "-out",
      out,
    ];
    if (o.subject) args.push("-subj", o.subject);
    if (o.pss) args.push("-sigopt", "rsa_padding_mode:pss");
    if (o.startDaysAgo !== undefined) {
      this.issueBackdated(csr, out, extFile, signer, o);
      return out;
    }
    openssl(args);
    return out;
  }

  /** The same, through `openssl ca`, which takes explicit validity dates. */
  private issueBackdated(csr: string, out: string, extFile: string, signer: string[], o: IssueOptions): void {
    const db = join(this.dir, `ca-db-${this.serial}`);
    mkdirSync(db, { recursive: true });
    writeFileSync(join(db, "index.txt"), "");
    writeFileSync(join(db, "serial"), `${(this.serial++).toString(16).padStart(4, "0")}\n`);
    const config = join(db, "ca.cnf");
    writeFileSync(
      config,
      [
        "[ca]",
        "default_ca = test",
        "[test]",
        `database = ${join(db, "index.txt")}`,
        `new_certs_dir = ${db}`,
        `serial = ${join(db, "serial")}`,
        `default_md = ${o.digest ?? "sha256"}`,
        "policy = any",
        "unique_subject = no",
        "[any]",
        "commonName = optional",
      ].join("\n") + "\n",
    );
    const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
    const start = new Date(Date.now() - o.startDaysAgo! * 86_400_000);
    const end = new Date(start.getTime() + (o.days ?? 365) * 86_400_000);
    openssl([
      "ca",
      "-batch",
      "-notext",
      "-preserveDN",
      "-config",
      config,
      "-in",
      csr,
      "-cert",
      signer[1]!,
      "-keyfile",
      signer[3]!,
      "-startdate",
      stamp(start),
      "-enddate",
      stamp(end),
      "-extfile",
      extFile,
      "-extensions",
      "v3",
      "-out",
      out,
      ...(o.subject ? ["-subj", o.subject] : []),
    ]);
  }
}

/** A CRL of the issuing CA, made by `openssl ca -gencrl`, listing the revoked serials (hex). */
export function issuingCrl(ca: TestCa, out: string, revoked: { serialHex: string; reason: string }[], lifetime: { seconds?: number; days?: number } = { days: 7 }): string {
  const dir = `${out}.ca`;
  mkdirSync(dir, { recursive: true });
  const now = new Date();
  const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  const expiry = stamp(new Date(now.getTime() + 365 * 86_400_000));
  writeFileSync(join(dir, "index.txt"), revoked.map((r) => `R\t${expiry}\t${stamp(now)},${r.reason}\t${r.serialHex}\tunknown\t/CN=revoked\n`).join(""));
  writeFileSync(join(dir, "crlnumber"), "01\n");
  writeFileSync(join(dir, "ca.cnf"), `[ca]\ndefault_ca = d\n[d]\ndatabase = ${join(dir, "index.txt")}\ncrlnumber = ${join(dir, "crlnumber")}\ndefault_md = sha256\n`);
  const period = lifetime.seconds !== undefined ? ["-crlsec", String(lifetime.seconds)] : ["-crldays", String(lifetime.days ?? 7)];
  openssl(["ca", "-gencrl", "-config", join(dir, "ca.cnf"), "-keyfile", join(ca.dir, "intermediate.key"), "-cert", ca.intermediate, "-out", out, ...period]);
  return out;
}

/** A key and CSR made by openssl itself, for keys LyncCert refuses to make (RSA 1024/3072, secp256k1, RSA-PSS). */
export function opensslCsr(dir: string, name: string, keyArgs: string[], subject: string, extra: string[] = []): string {
  const csr = join(dir, `${name}.csr`);
  openssl(["req", "-new", ...keyArgs, "-noenc", "-keyout", join(dir, `${name}.key`), "-out", csr, "-subj", subject, ...extra]);
  return csr;
}
