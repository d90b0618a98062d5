import { readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../shared/errors";
import { selfSigned } from "../helpers/openssl";
import { useTempDirs } from "../helpers/temp-dir";
import { testWorkerRunner } from "../helpers/worker";

const tempDir = useTempDirs();
const runner = testWorkerRunner();
afterAll(() => runner.close());

/** A topology document of about 2 MB: heavy enough that parsing it takes many event-loop turns' worth of time. */
function bigTopology(): Uint8Array {
  const base = readFileSync(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url), "utf8");
  const extra = Array.from(
    { length: 14_500 },
    (_, i) => `<SimpleUrl Component="Meet" Domain="x${i}.org" ActiveUrl="https://meet.x${i}.org"><SimpleUrlEntry Url="https://meet.x${i}.org" /></SimpleUrl>`,
  ).join("\n");
  return new TextEncoder().encode(base.replace("</SimpleUrlConfiguration>", `${extra}\n</SimpleUrlConfiguration>`));
}

describe("untrusted input runs in a worker thread (the app's window never waits on it)", () => {
  it("verifies a certificate there and returns the report", async () => {
    const dir = tempDir();
    const report = await runner.run("verifyCertificate", {
      bytes: new Uint8Array(selfSigned(dir, "/CN=sip.contoso.com").der),
      fileName: "c.cer",
      plan: undefined,
      storeDir: join(dir, "store"),
      at: new Date(),
    });
    expect(report.format).toBe("DER certificate");
    expect(report.certificate.subject).toBe("CN=sip.contoso.com");
  }, 60_000);

  it("the main event loop keeps turning while a 2 MB topology is parsed", async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const result = await runner.run("importTopology", { bytes: bigTopology(), path: "/in/big.tbxml", fileName: "big.tbxml" });
    clearInterval(ticker);
    expect(result.format).toBe("Topology Builder document (.tbxml)");
    expect(turns).toBeGreaterThan(0);
  }, 60_000);

  it("an InputError crosses back as an InputError with its field", async () => {
    const error = await runner
      .run("verifyCertificate", { bytes: new TextEncoder().encode("not a certificate"), fileName: "bad.cer", plan: undefined, storeDir: tempDir(), at: new Date() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "bad.cer", message: expect.stringContaining("bad.cer:") });
  }, 60_000);

  it("a worker that runs out of heap ends alone: the task fails with a message, and the next worker works", async () => {
    const tiny = testWorkerRunner(undefined, 12);
    try {
      const error = await tiny.run("importTopology", { bytes: bigTopology(), path: "/in/big.tbxml", fileName: "big.tbxml" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/the input could not be processed/);
    } finally {
      await tiny.close();
    }
    const after = await runner.run("importTopology", {
      bytes: readFileSync(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url)),
      path: "/in/f.tbxml",
      fileName: "f.tbxml",
    });
    expect(after.site.sipDomains).toContain("fabrikam.com");
  }, 60_000);

  it("a task past its time is stopped with a message; the runner starts afresh for the next one", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const impatient = testWorkerRunner({ timeoutMs: 1_500 });
    try {
      const error = await impatient.run("probeEndpoint", { host: "127.0.0.1", port, sni: undefined, plan: undefined, at: new Date() }).catch((e: unknown) => e);
      expect((error as Error).message).toBe("the probeEndpoint task did not finish within 1.5 s and was stopped; what it had finished is kept");
      const next = await impatient.run("importTopology", {
        bytes: readFileSync(new URL("../fixtures/topology/fabrikam.tbxml", import.meta.url)),
        path: "/in/f.tbxml",
        fileName: "f.tbxml",
      });
      expect(next.site.sipDomains).toContain("fabrikam.com");
    } finally {
      await impatient.close();
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  }, 60_000);
});
