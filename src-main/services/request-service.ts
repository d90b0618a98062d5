import { createHash } from "node:crypto";
import { signingProfile, type HashName, type KeySpec } from "../../shared/crypto/key-spec";
import { checkSubjectDetails, type SubjectDetails } from "../../shared/csr/subject";
import { checkTemplateName } from "../../shared/csr/template-name";
import { toPem } from "../../shared/codec/pem";
import { buildCsr } from "../../shared/csr/build-csr";
import { InputError } from "../../shared/errors";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan, PlanRequest } from "../../shared/planner/plan-types";
import type { Site } from "../../shared/site/site-types";
import { generateKey, webCrypto } from "./crypto/keygen";
import { encryptPrivateKeyInfo } from "./crypto/pbes2";
import { checkOutput, writeFileAtomic } from "./files/atomic-write";
import type { Keystore } from "./keystore/keystore";
import { checkStillOnePassphrase, keystoreKey, type KeystoreKey } from "./keystore/passphrase-check";

export interface RequestOptions {
  site: Site;
  planRequest: PlanRequest;
  key: KeySpec;
  hash: HashName | undefined;
  subject: SubjectDetails;
  template: string | null;
  passphrase: string;
  store: Keystore;
  /** Where to save the .req (a path, or one named from the plan); undefined keeps it in the store only. */
  out: string | ((plan: CertificatePlan) => string) | undefined;
  crlf: boolean;
  force: boolean;
  /** The request this one renews or re-issues: it is marked "replaced by" this one once this one is issued. */
  renews?: string;
  /** The keystore key from `keystoreKey` (which checks the passphrase), got ahead: once for a batch, or before the modules loaded. */
  derived?: KeystoreKey | Promise<KeystoreKey>;
}

export interface RequestResult {
  id: string;
  plan: CertificatePlan;
  csrPem: string;
  out: string | undefined;
  storeDir: string;
}

/** Plans, generates the key, builds and stores the request, then saves the .req. Key material stays here. */
export async function createRequest(o: RequestOptions): Promise<RequestResult> {
  const plan = planCertificate(o.site, o.planRequest);
  const out = typeof o.out === "function" ? o.out(plan) : o.out;
  const profile = signingProfile(o.key, o.hash);
  // The one check of what the CLI and the app pass alike, before any key is made.
  checkSubjectDetails(o.subject, "subject");
  if (o.template !== null) checkTemplateName(o.template, "template");
  if (plan.rsaOnly && profile.kind !== "rsa") {
    throw new InputError(`--key ${o.key}: the OAuthTokenIssuer certificate needs an RSA key of 2048 bits or more (OAUTH-KEY-2048)`, { field: "--key", rule: "OAUTH-KEY-2048" });
  }
  if (out) await checkOutput(out, "--out", o.force);
  // The passphrase's PBKDF2 runs on the thread pool while the key is made and the request built and signed.
  const [{ generated, csr }, derived] = await Promise.all([
    generateKey(profile).then(async (generated) => ({
      generated,
      csr: await buildCsr({ plan, subject: o.subject, profile, keys: generated.keys, template: o.template, crypto: webCrypto }),
    })),
    o.derived ?? keystoreKey(o.store, o.passphrase),
  ]);
  const csrPem = toPem("CERTIFICATE REQUEST", csr, { crlf: o.crlf });
  const stored = await o.store.addRequest(
    {
      record: {
        createdAt: new Date().toISOString(),
        status: "pending",
        plan,
        subject: o.subject,
        key: o.key,
        hash: profile.hash,
        template: o.template,
        spkiSha256: createHash("sha256").update(generated.spki).digest("hex"),
        ...(o.renews ? { renews: o.renews } : {}),
      },
      encryptedKeyPem: toPem("ENCRYPTED PRIVATE KEY", encryptPrivateKeyInfo(derived, generated.pkcs8)),
      csrPem,
    },
    (newest) => checkStillOnePassphrase(derived, o.passphrase, o.store, newest),
  );
  // The entry is kept only with its .req: a failed write takes the new entry out again, so an error
  // leaves the store as it was (no orphan key the admin never saw a request for).
  if (out) {
    await writeFileAtomic(out, csrPem, { overwrite: o.force }).catch(async (error) => {
      await o.store.remove(stored.record.id);
      throw error;
    });
  }
  return { id: stored.record.id, plan, csrPem, out, storeDir: o.store.dir };
}
