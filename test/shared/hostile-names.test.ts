import { describe, expect, it } from "vitest";
import { signingProfile } from "../../shared/crypto/key-spec";
import { InputError } from "../../shared/errors";
import { certreqInf, infFileBytes } from "../../shared/export/certreq-inf";
import { installScript, type PowerShellParams } from "../../shared/export/powershell";
import { planCertificate } from "../../shared/planner/plan";
import type { PlanRequest } from "../../shared/planner/plan-types";
import { infQuotedValue, powershellTokens, type PsToken } from "../helpers/script-tokens";
import { exampleSite } from "../helpers/sites";

const BENIGN = "Benign name";
/** Names an attacker or a careless admin could type: each must come out as the same literal, never as code. */
const HOSTILE = [
  "Bob's cert",
  "Bob\u2019s cert",
  "\u2018quoted\u2019 and \u201Aquoted\u201B",
  "''''",
  "\u2019; Start-Process calc; \u2018",
  "'; Remove-Item -Recurse C:\\ ; '",
  '"double" \u201Ccurly\u201D \u201Elow\u201D',
  "$(Start-Process calc)",
  "${env:PATH} $env:USERNAME @(1) @{a=1}",
  "`backtick` `$(x)` `n",
  "#> <# not a comment",
  "%PATH% ; not a comment %%",
  "Zürich Göteborg 東京 🔑",
  "x".repeat(300),
];
/** Characters that would end a comment line or an INF line: refused, naming the field. */
const REFUSED = ["line\r\nbreak", "line\nbreak", "line\rbreak", "sep\u2028arator", "para\u2029graph", "next\u0085line", "esc\u001b[31mred", "nul\u0000"];

const ROLES: PlanRequest[] = [{ role: "front-end", server: "fe01.contoso.net" }, { role: "edge-external" }, { role: "oauth-token-issuer" }, { role: "reverse-proxy" }];

function script(request: PlanRequest, name: string): string {
  const params: PowerShellParams = {
    plan: planCertificate(exampleSite(), request),
    thumbprint: "3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD",
    friendlyName: name,
    pfxFileName: `${name}.pfx`,
    notAfter: new Date("2028-11-25T12:00:00Z"),
    requestId: "fe01-20261125-abcdef",
    issuers: [{ thumbprint: "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", subject: name, root: true }],
  };
  return installScript(params);
}

/** Replaces the benign name in a token by the hostile one: what the hostile script must contain instead. */
const expectedToken = (t: PsToken, name: string): PsToken => (t.kind === "sq" || t.kind === "comment" ? { kind: t.kind, text: t.text.split(BENIGN).join(name) } : t);

describe("PowerShell install scripts survive any name (tokenizer-level check)", () => {
  it.each(ROLES.flatMap((r) => HOSTILE.map((h) => [r.role, h, r] as const)))("%s: %j stays a literal or a comment", (_role, name, request) => {
    const benign = powershellTokens(script(request, BENIGN));
    const hostile = powershellTokens(script(request, name));
    // Same code, same lines; only the literals and comments that carried the name differ, by exactly the name.
    expect(hostile).toEqual(benign.map((t) => expectedToken(t, name)));
    expect(hostile.filter((t) => t.kind === "sq").map((t) => t.text)).toContain(`${name}.pfx`);
  });

  it.each(REFUSED)("refuses %j with an error naming the field", (name) => {
    expect(() => script(ROLES[0]!, name)).toThrow(InputError);
    expect(() => script(ROLES[0]!, name)).toThrow(/friendly name: contains the control or line-break character U\+/);
  });
});

function inf(name: string, organization: string): string {
  const plan = planCertificate(exampleSite(), { role: "front-end", server: "fe01.contoso.net", keyLocation: "server" });
  return certreqInf({ plan, subject: { O: organization, L: "Zürich", C: "CH" }, profile: signingProfile("rsa2048", undefined), template: "WebServer", friendlyName: name });
}

describe("certreq INF survives any name", () => {
  it.each(HOSTILE.filter((h) => h.length <= 64))("%j stays inside its quoted value", (name) => {
    const lines = inf(name, name).split("\r\n");
    expect(lines).toHaveLength(inf(BENIGN, BENIGN).split("\r\n").length);
    expect(infQuotedValue(lines.find((l) => l.startsWith("FriendlyName = "))!)).toBe(name);
    const subject = infQuotedValue(lines.find((l) => l.startsWith("Subject = "))!)!;
    // The X.500 string certreq then parses: the organization quoted, its quotes doubled.
    const o = /O=("(?:[^"]|"")*"|[^,]*)/.exec(subject)![1]!;
    expect(o.startsWith('"') ? o.slice(1, -1).replace(/""/g, '"') : o).toBe(name);
    expect(subject).toContain("L=Zürich");
  });

  it.each(REFUSED)("refuses %j in the friendly name and in the subject", (name) => {
    expect(() => inf(name, BENIGN)).toThrow(/friendly name: contains the control or line-break/);
    expect(() => inf(BENIGN, name)).toThrow(/subject\.O: contains the control or line-break/);
  });

  it("is written as UTF-16LE with a byte-order mark, so certreq reads Zürich whatever the ANSI code page", () => {
    const bytes = infFileBytes(inf(BENIGN, BENIGN));
    expect([...bytes.slice(0, 2)]).toEqual([0xff, 0xfe]);
    expect(Buffer.from(bytes.slice(2)).toString("utf16le")).toBe(inf(BENIGN, BENIGN));
    expect(Buffer.from(bytes).includes(Buffer.from("Z\0ü\0r\0i\0c\0h\0", "latin1"))).toBe(true);
  });
});
