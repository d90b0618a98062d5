import { z } from "zod";
import { CERT_TYPES } from "../roles/cert-types";
import { CERT_ROLE_IDS } from "../roles/cert-roles";
import { HASHES, KEY_SPECS } from "../crypto/key-spec";
import { TEMPLATE_NAME_PATTERN } from "../csr/template-name";
import { MAX_SITE_FILE_BYTES } from "../site/parse-site";
import { CHANNELS, type Channel } from "./bridge-contract";

/** Payload schemas, checked in main on every call: the renderer is not trusted. */
const requestId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,120}$/);
const planRequest = z
  .object({
    role: z.enum(CERT_ROLE_IDS),
    server: z.string().max(253).optional(),
    types: z.array(z.enum(CERT_TYPES)).max(9).optional(),
    wildcards: z.boolean().optional(),
  })
  .strict();
const subject = z
  .object({
    O: z.string().max(64).optional(),
    OU: z.string().max(64).optional(),
    L: z.string().max(128).optional(),
    ST: z.string().max(128).optional(),
    C: z.string().max(2).optional(),
  })
  .strict();
const site = z.unknown().refine((v) => plainJsonSize(v) < MAX_SITE_FILE_BYTES, "site is too large or not plain JSON data");

/** Its JSON size, or Infinity for what JSON cannot hold (BigInt, cycles, nesting deeper than the stack). */
function plainJsonSize(value: unknown): number {
  try {
    return JSON.stringify(value ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
const secret = z.string().min(1).max(1024);
/** The keystore passphrase: empty asks main for the one it remembers. */
const keystore = { passphrase: z.string().max(1024), remember: z.enum(["no", "session", "keychain"]).optional() };
const certificateFile = {
  fileName: z.string().min(1).max(260),
  base64: z
    .string()
    .max(12_000_000)
    .regex(/^[A-Za-z0-9+/=]*$/),
};
const template = z.string().regex(TEMPLATE_NAME_PATTERN).nullable();
/** An ACME directory: https only (RFC 8555 §6.1). */
const acmeDirectory = z
  .string()
  .regex(/^https:\/\/[^\s]+$/)
  .max(2048);
const acmeToken = z.string().regex(/^[0-9a-f]{32}$/);
/** A folder main made for this session's requests (main checks it is one of those). */
const folder = z.string().min(1).max(4096);

export const PAYLOAD_SCHEMAS: Record<Channel, z.ZodType> = {
  [CHANNELS.openSite]: z.undefined(),
  [CHANNELS.loadCurrentSite]: z.undefined(),
  [CHANNELS.saveCurrentSite]: z.object({ text: z.string().max(MAX_SITE_FILE_BYTES) }).strict(),
  [CHANNELS.saveSite]: z.object({ text: z.string().max(MAX_SITE_FILE_BYTES) }).strict(),
  [CHANNELS.generateRequest]: z
    .object({ site, planRequest, key: z.enum(KEY_SPECS), hash: z.enum(HASHES).optional(), subject, template, crlf: z.boolean(), saveIn: folder.optional(), ...keystore })
    .strict(),
  [CHANNELS.saveRequestFile]: z.object({ id: requestId }).strict(),
  [CHANNELS.makeRequestFolder]: z.undefined(),
  [CHANNELS.listRequests]: z.undefined(),
  [CHANNELS.verifyCertificate]: z.object({ ...certificateFile, site: site.nullable(), planRequest: planRequest.nullable() }).strict(),
  [CHANNELS.importCertificate]: z.object(certificateFile).strict(),
  [CHANNELS.checkRequest]: z.object({ ...certificateFile, site: site.nullable(), planRequest: planRequest.nullable() }).strict(),
  [CHANNELS.exportPfx]: z
    .object({
      id: requestId,
      exportAnyway: z.boolean(),
      profile: z.enum(["compat", "modern"]),
      includeRoot: z.boolean(),
      ...keystore,
      password: secret,
      withScript: z.boolean(),
    })
    .strict(),
  [CHANNELS.exportPem]: z.object({ id: requestId, includeRoot: z.boolean() }).strict(),
  [CHANNELS.saveInf]: z.union([
    z.object({ id: requestId }).strict(),
    z.object({ site, planRequest, key: z.enum(KEY_SPECS), hash: z.enum(HASHES).optional(), subject, template }).strict(),
  ]),
  [CHANNELS.importTopology]: z.undefined(),
  [CHANNELS.saveCsv]: z.object({ text: z.string().max(5_000_000) }).strict(),
  [CHANNELS.probeEndpoint]: z
    .object({ target: z.string().min(1).max(300), sni: z.string().max(253).nullable(), site: site.nullable(), planRequest: planRequest.nullable() })
    .strict(),
  [CHANNELS.importAnswers]: z.union([
    z.object({ pick: z.enum(["files", "folder"]) }).strict(),
    z.object({ dropped: z.array(z.object(certificateFile).strict()).min(1).max(200) }).strict(),
  ]),
  [CHANNELS.planKits]: z.object({ site, allowEcdsa: z.boolean().optional() }).strict(),
  [CHANNELS.buildKits]: z.object({ site, profile: z.enum(["compat", "modern"]), allowEcdsa: z.boolean().optional(), ...keystore, password: secret }).strict(),
  [CHANNELS.planRenewal]: z.object({ id: requestId, site }).strict(),
  [CHANNELS.renewRequest]: z.object({ id: requestId, site, saveIn: folder.optional(), ...keystore }).strict(),
  [CHANNELS.showInFolder]: z.object({ id: requestId }).strict(),
  [CHANNELS.passphraseMemory]: z.undefined(),
  [CHANNELS.forgetPassphrase]: z.undefined(),
  [CHANNELS.showWritten]: z.object({ path: z.string().min(1).max(4096) }).strict(),
  [CHANNELS.openDocumentation]: z.object({ url: z.string().max(2048) }).strict(),
  [CHANNELS.acmeDirectoryInfo]: z.object({ directory: acmeDirectory }).strict(),
  [CHANNELS.acmeAccount]: z
    .object({
      directory: acmeDirectory,
      email: z
        .string()
        .regex(/^[^\s@:]+@[A-Za-z0-9.-]+$/)
        .max(254)
        .nullable(),
      agreeTerms: z.boolean(),
      eab: z
        .object({
          kid: z.string().min(1).max(256),
          hmacKey: z
            .string()
            .regex(/^[A-Za-z0-9_-]+=*$/)
            .max(512),
        })
        .strict()
        .nullable(),
      ...keystore,
    })
    .strict(),
  [CHANNELS.acmePrepareOrder]: z
    .object({
      id: requestId,
      directory: acmeDirectory,
      dns: z.union([z.object({ way: z.literal("manual") }).strict(), z.object({ way: z.literal("rfc2136"), server: z.string().min(1).max(300) }).strict()]),
      ...keystore,
    })
    .strict(),
  [CHANNELS.acmeCompleteOrder]: z.object({ token: acmeToken, dnsCheck: z.string().min(1).max(300).nullable() }).strict(),
  [CHANNELS.acmeCancelOrder]: z.object({ token: acmeToken }).strict(),
  [CHANNELS.acmeRenewRound]: z
    .object({ site, directory: acmeDirectory, updateServer: z.string().min(1).max(300), dnsCheck: z.string().min(1).max(300).nullable(), ...keystore })
    .strict(),
};
