import { isEcdsaKey } from "../../shared/crypto/key-spec";
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { toPem } from "../../shared/codec/pem";
import { InputError } from "../../shared/errors";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import { defaultFriendlyName } from "../../shared/export/friendly-name";
import { checkPfxPassword, type PfxProfile } from "../../shared/export/pfx-profile";
import { chainFileName, installScript, type ScriptIssuer } from "../../shared/export/powershell";
import { certificatesOnlyPkcs7 } from "../../shared/codec/pkcs7-certificates";
import { buildChain, verifiedPath } from "../../shared/x509/chain";
import { nodeSignatureCheck } from "./crypto/signature-check";
import { checkPlainText } from "../../shared/text/plain-text";
import { certificateFacts } from "../../shared/x509/certificate-facts";
import { deriveKey, type PassphraseKeys } from "./crypto/derive-key";
import { decryptPrivateKeyInfo, encryptPrivateKeyInfo } from "./crypto/pbes2";
import { checkOutput, writeFileAtomic } from "./files/atomic-write";
import type { Keystore, StoredRequest } from "./keystore/keystore";
import { writePfx } from "./pkcs12/pfx-writer";

export type PemKey = "none" | "encrypted" | "unencrypted";

export interface ExportOptions {
  store: Keystore;
  id: string;
  /** The keystore's passphrase, or its memoized keys when many keys are opened (kits). */
  keystorePassphrase: string | PassphraseKeys;
  /** PFX password, or the PEM key's; never logged. */
  password: string | undefined;
  includeRoot: boolean;
  friendlyName: string | undefined;
  force: boolean;
  ps1: string | undefined;
  /** Replace an existing script; defaults to `force`. The app's save dialog asks only about the PFX. */
  forceScript?: boolean;
}

export interface ExportResult {
  out: string;
  friendlyName: string;
  thumbprint: string;
  certificates: number;
  ps1: string | undefined;
  /** The chain file (PKCS#7) written beside a PFX when it holds CA certificates. */
  chain?: string;
  /** Why the root is in although not asked for. */
  note?: string;
}

export interface Material {
  request: StoredRequest;
  certificates: Uint8Array[];
  thumbprint: string;
  friendlyName: string;
  /** The CA certificates the PFX carries, for the script to install by thumbprint and nothing else. */
  issuers: ScriptIssuer[];
  /** The root is in, though not asked for (EDGE-INT-CHAIN). */
  rootAdded: boolean;
}

type MaterialOptions = Pick<ExportOptions, "store" | "id" | "includeRoot" | "friendlyName">;

/**
 * The issued certificate and its verified path kept with a request, leaf first; the root only when asked.
 * The path is proven again from the stored file, so a certificate kept by an older LyncCert that is not the
 * leaf's issuer is never exported or installed.
 */
export async function material(o: MaterialOptions): Promise<Material> {
  const request = await o.store.get(o.id);
  const issued = request.record.certificate;
  if (!issued) throw new InputError(`request ${o.id} has no certificate yet: import the CA's answer first (lynccert import FILE)`, { field: "id" });
  const [leaf, ...rest] = (await o.store.certificateChain(request)).map((der) => certificateFacts(der));
  const withRoot = o.includeRoot || rootRequired(request.record.plan);
  const path = verifiedPath(await buildChain(leaf!, rest, nodeSignatureCheck)).filter((c, i) => i === 0 || withRoot || !c.selfIssued);
  return {
    request,
    certificates: path.map((c) => c.der),
    thumbprint: issued.thumbprint,
    friendlyName: o.friendlyName !== undefined ? checkPlainText(o.friendlyName, "friendly name") : defaultFriendlyName(request.record.plan, issued.thumbprint, leaf!.notBefore),
    issuers: path.slice(1).map((c) => ({ thumbprint: createHash("sha1").update(c.der).digest("hex").toUpperCase(), subject: c.subject, root: c.selfIssued })),
    rootAdded: !o.includeRoot && withRoot && path.some((c, i) => i > 0 && c.selfIssued),
  };
}

/**
 * Edge Servers stand outside the domain, so nothing else brings them the internal root: the CA chain, root
 * included, is imported into Trusted Root CAs on every Edge Server (EDGE-INT-CHAIN). Their PFX carries it.
 */
function rootRequired(plan: CertificatePlan): boolean {
  return plan.role === "edge-internal" || plan.role === "edge-external";
}

/** Opens the stored key and checks it is the certificate's, so a PFX never pairs a key with a stranger. */
async function privateKey(o: Pick<ExportOptions, "store" | "id" | "keystorePassphrase">, m: Material): Promise<Buffer> {
  const pkcs8 = await decryptPrivateKeyInfo(await o.store.encryptedKeyDer(o.id), o.keystorePassphrase, `the key of request ${o.id}`);
  const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })).export({ type: "spki", format: "der" });
  if (createHash("sha256").update(spki).digest("hex") !== m.request.record.spkiSha256) throw new Error(`the key of request ${o.id} does not match its record`);
  return pkcs8;
}

export async function exportPfx(o: ExportOptions & { out: string; profile: PfxProfile }): Promise<ExportResult> {
  const password = checkPfxPassword(o.password ?? "", "PFX password");
  const m = await material(o);
  // Every output is built and checked before any is written, so a refused script leaves no PFX behind.
  const script = o.ps1 ? scriptFor(o, m, basename(o.out)) : undefined;
  // The CA certificates beside the PFX, for the script to install without opening the PFX (and its key).
  const chain = m.issuers.length ? join(dirname(o.out), chainFileName(basename(o.out))) : undefined;
  await checkOutput(o.out, "--pfx", o.force);
  if (chain) await checkOutput(chain, "--pfx", o.forceScript ?? o.force);
  if (o.ps1) await checkOutput(o.ps1, "--ps1", o.forceScript ?? o.force);
  const pfx = await pfxBytes(o, m, password, o.profile);
  await writeFileAtomic(o.out, pfx, { overwrite: o.force, mode: 0o600 });
  if (chain) await writeFileAtomic(chain, certificatesOnlyPkcs7(m.certificates.slice(1)), { overwrite: o.forceScript ?? o.force });
  // UTF-8 with BOM: Windows PowerShell 5 reads BOM-less scripts as ANSI.
  if (o.ps1) await writeFileAtomic(o.ps1, "\uFEFF" + script!, { overwrite: o.forceScript ?? o.force });
  return { out: o.out, friendlyName: m.friendlyName, thumbprint: m.thumbprint, certificates: m.certificates.length, ps1: o.ps1, chain, note: exportNote(m) };
}

/** The PFX of a request's certificate, chain and key (the key checked against the certificate first). */
export async function pfxBytes(o: Pick<ExportOptions, "store" | "id" | "keystorePassphrase">, m: Material, password: string, profile: PfxProfile): Promise<Uint8Array> {
  return writePfx({ privateKey: await privateKey(o, m), certificates: m.certificates, friendlyName: m.friendlyName }, password, profile);
}

/** Certificate and chain as PEM, leaf first; the key only when asked, encrypted unless explicitly not. */
export async function exportPem(o: ExportOptions & { out: string; key: PemKey }): Promise<ExportResult> {
  const m = await material(o);
  let text = m.certificates.map((c) => toPem("CERTIFICATE", c)).join("");
  if (o.key !== "none") {
    const pkcs8 = await privateKey(o, m);
    text +=
      o.key === "unencrypted"
        ? toPem("PRIVATE KEY", pkcs8)
        : toPem("ENCRYPTED PRIVATE KEY", encryptPrivateKeyInfo(await deriveKey(checkPfxPassword(o.password ?? "", "key password")), pkcs8));
  }
  await writeFileAtomic(o.out, text, { overwrite: o.force, mode: o.key === "none" ? 0o644 : 0o600 });
  return { out: o.out, friendlyName: m.friendlyName, thumbprint: m.thumbprint, certificates: m.certificates.length, ps1: undefined, note: exportNote(m) };
}

/** What the admin must know about what was packaged: the root added for an Edge Server, or the issuing CA missing. */
function exportNote(m: Material): string | undefined {
  const missing = m.request.record.certificate?.issuerMissing;
  const notes = [
    m.rootAdded ? "the root CA certificate is included: Edge Servers are outside the domain and need it in Trusted Root CAs (EDGE-INT-CHAIN)" : undefined,
    missing
      ? `the issuing CA's certificate (${missing}) is missing, so this holds the certificate alone and the server must find the chain itself: import the CA's certificate (lynccert import FILE) and export again (X509-CHAIN)`
      : undefined,
  ].filter((n): n is string => n !== undefined);
  return notes.length ? notes.join("; ") : undefined;
}

function scriptFor(o: ExportOptions, m: Material, pfxFileName: string): string {
  return installScript({
    plan: m.request.record.plan,
    thumbprint: m.thumbprint,
    friendlyName: m.friendlyName,
    pfxFileName,
    notAfter: new Date(m.request.record.certificate!.notAfter),
    requestId: o.id,
    issuers: m.issuers,
    ecdsa: isEcdsaKey(m.request.record.key),
  });
}
