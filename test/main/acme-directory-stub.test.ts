import { createPublicKey, verify, type JsonWebKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AcmeClient, AcmeProblem } from "../../src-main/services/acme/acme-client";
import { orderProfile } from "../../src-main/services/acme/acme-service";
import { newAccountKey } from "../../src-main/services/acme/jws";
import { ariCertId, renewalWindow } from "../../src-main/services/acme/renewal-info";
import type { CertificateFacts } from "../../shared/x509/certificate-facts";
import { tlsFor127 } from "../helpers/acme-servers";

/**
 * A directory stub, labelled as such: Debian's pebble 2.4.0 offers neither profiles nor renewal information
 * (ARI), so what LyncCert sends and reads for them is checked against this small HTTPS server. Every signed
 * request it receives is verified with the JWK or account key it names (ES256, raw r‖s).
 */
describe("ACME against a directory stub: profiles, ARI, badNonce, rate limits (pebble 2.4.0 has none of these)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lynccert-acme-stub-"));
  const tls = tlsFor127(dir);
  const transport = { ca: readFileSync(tls.root, "utf8"), timeoutMs: 5000 };
  const received: { url: string; header: Record<string, unknown>; payload: unknown }[] = [];
  let server: Server;
  let base = "";
  let nonces = 0;
  let rejectNextNonce = false;
  let rateLimitOrders = false;
  let ari: string | undefined;
  let accountJwk: JsonWebKey | undefined;

  beforeAll(async () => {
    server = createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, (req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        res.setHeader("Replay-Nonce", `nonce-${++nonces}`);
        const path = req.url ?? "";
        if (path === "/dir")
          return res.end(
            JSON.stringify({
              newNonce: `${base}/nonce`,
              newAccount: `${base}/acct`,
              newOrder: `${base}/order`,
              renewalInfo: `${base}/ari`,
              meta: { termsOfService: `${base}/terms`, profiles: { classic: "the profile of old", tlsserver: "no CN" } },
            }),
          );
        if (path === "/nonce") return res.end();
        if (path.startsWith("/ari/")) return res.end(ari ?? "");
        const jws = JSON.parse(body) as { protected: string; payload: string; signature: string };
        const header = JSON.parse(Buffer.from(jws.protected, "base64url").toString()) as Record<string, unknown>;
        const jwk = (header.jwk as JsonWebKey | undefined) ?? accountJwk!;
        const signedOk = verify(
          "sha256",
          Buffer.from(`${jws.protected}.${jws.payload}`),
          { key: createPublicKey({ key: jwk, format: "jwk" }), dsaEncoding: "ieee-p1363" },
          Buffer.from(jws.signature, "base64url"),
        );
        const payload = jws.payload ? JSON.parse(Buffer.from(jws.payload, "base64url").toString()) : undefined;
        received.push({ url: path, header, payload });
        res.setHeader("Content-Type", "application/json");
        if (!signedOk || header.url !== `${base}${path}`) return res.writeHead(400).end(JSON.stringify({ type: "urn:ietf:params:acme:error:malformed", detail: "bad JWS" }));
        if (rejectNextNonce) {
          rejectNextNonce = false;
          return res.writeHead(400).end(JSON.stringify({ type: "urn:ietf:params:acme:error:badNonce", detail: "stale nonce" }));
        }
        if (path === "/acct") {
          accountJwk = header.jwk as JsonWebKey;
          return res.writeHead(201, { Location: `${base}/acct/1` }).end(JSON.stringify({ status: "valid" }));
        }
        if (path === "/order" && rateLimitOrders)
          return res
            .writeHead(429, { "Retry-After": "3600" })
            .end(JSON.stringify({ type: "urn:ietf:params:acme:error:rateLimited", detail: "too many certificates for this name this week" }));
        if (path === "/order")
          return res.writeHead(201, { Location: `${base}/order/1` }).end(JSON.stringify({ status: "pending", identifiers: [], authorizations: [], finalize: `${base}/fin` }));
        return res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server?.close());

  it("orders the classic profile where profiles are offered (tlsserver drops the CN), with the ARI id of the certificate it replaces", async () => {
    const client = await AcmeClient.open(`${base}/dir`, newAccountKey(), transport);
    expect(orderProfile(client.directory)).toBe("classic");
    expect(orderProfile({ ...client.directory, meta: {} })).toBeNull();
    await client.account({ contact: ["mailto:pki@contoso.com"], agreeTerms: true });
    expect(received.at(-1)).toMatchObject({ url: "/acct", payload: { termsOfServiceAgreed: true, contact: ["mailto:pki@contoso.com"] } });
    await client.newOrder(["sip.contoso.com", "webcon.contoso.com"], { profile: "classic", replaces: "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE" });
    expect(received.at(-1)).toEqual({
      url: "/order",
      header: expect.objectContaining({ alg: "ES256", kid: `${base}/acct/1` }),
      payload: {
        identifiers: [
          { type: "dns", value: "sip.contoso.com" },
          { type: "dns", value: "webcon.contoso.com" },
        ],
        profile: "classic",
        replaces: "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE",
      },
    });
  });

  it("a stale nonce is retried once with the fresh one (RFC 8555 §6.5); a rate limit says when to try again", async () => {
    const client = await AcmeClient.open(`${base}/dir`, newAccountKey(), transport);
    await client.account({ contact: [], agreeTerms: true });
    rejectNextNonce = true;
    const before = received.length;
    await client.newOrder(["sip.contoso.com"]);
    expect(received.slice(before).map((r) => r.url)).toEqual(["/order", "/order"]);
    rateLimitOrders = true;
    const refused = await client.newOrder(["sip.contoso.com"]).catch((e: unknown) => e);
    rateLimitOrders = false;
    expect(refused).toBeInstanceOf(AcmeProblem);
    expect((refused as AcmeProblem).message).toMatch(/the ACME server refused \(rateLimited\): too many certificates for this name this week; try again after \d{4}-\d\d-\d\dT/);
    expect((refused as AcmeProblem).retryAfter!.getTime() - Date.now()).toBeGreaterThan(3500_000);
  });

  it("the ARI id is RFC 9773's (its own example), and the window comes from the CA where it answers, else from the lifetime", async () => {
    // RFC 9773 §4.1: keyIdentifier 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4, serial 00:87:65:43:21.
    const cert = {
      authorityKeyId: "69885b6b87464041e1b37b847ba0ae2cde01c8d4",
      serial: "0087654321",
      notBefore: new Date("2027-01-01T00:00:00Z"),
      notAfter: new Date("2027-03-02T00:00:00Z"),
    } as CertificateFacts;
    expect(ariCertId(cert)).toBe("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
    ari = JSON.stringify({ suggestedWindow: { start: "2027-02-01T00:00:00Z", end: "2027-02-03T00:00:00Z" }, explanationURL: "https://ca.example/why" });
    expect(await renewalWindow(cert, `${base}/ari`, transport)).toEqual({
      start: new Date("2027-02-01T00:00:00Z"),
      end: new Date("2027-02-03T00:00:00Z"),
      source: "ari",
      explanationUrl: "https://ca.example/why",
    });
    // A 60-day certificate: its last third is 20 days.
    ari = "not json";
    expect(await renewalWindow(cert, `${base}/ari`, transport)).toEqual({ start: new Date("2027-02-10T00:00:00Z"), end: cert.notAfter, source: "lifetime" });
    expect((await renewalWindow(cert, undefined, transport)).source).toBe("lifetime");
  });
});
