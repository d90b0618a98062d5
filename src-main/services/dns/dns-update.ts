import { createHmac, randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { InputError } from "../../../shared/errors";
import type { TsigKey } from "./tsig-key-file";

/** A TXT record to add or delete in a zone. */
export interface TxtChange {
  op: "add" | "delete";
  name: string;
  value: string;
}

const TYPE = { TXT: 16, SOA: 6, TSIG: 250 } as const;
const CLASS = { IN: 1, NONE: 254, ANY: 255 } as const;
const OPCODE_UPDATE = 5;
/** RFC 8945 §5.2.3: the signature's time may differ from the server's by this many seconds. */
const FUDGE = 300;
const RCODES: Record<number, string> = {
  1: "FORMERR (the server could not read the update)",
  2: "SERVFAIL",
  3: "NXDOMAIN",
  4: "NOTIMP (the server does not take dynamic updates)",
  5: "REFUSED (the server does not allow this key to update this zone)",
  6: "YXDOMAIN",
  7: "YXRRSET",
  8: "NXRRSET",
  9: "NOTAUTH (the server is not authoritative for the zone, or the TSIG key is not accepted)",
  10: "NOTZONE (the name is not in the zone)",
};

/** A domain name in wire form (RFC 1035 §3.1), lower case: the canonical form TSIG signs (RFC 8945 §4.3.3). */
function wireName(name: string): Buffer {
  const labels = name.toLowerCase().replace(/\.$/, "").split(".").filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, "ascii")])), Buffer.from([0])]);
}

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number) => Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const u48 = (n: number) => Buffer.concat([u16(Math.floor(n / 2 ** 32)), u32(n % 2 ** 32)]);

function txtRdata(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > 255) throw new InputError(`a TXT string is at most 255 bytes, not ${bytes.length}`, { field: "value" });
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

function rr(name: string, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  return Buffer.concat([wireName(name), u16(type), u16(klass), u32(ttl), u16(rdata.length), rdata]);
}

/**
 * An RFC 2136 UPDATE for one zone, signed with TSIG (RFC 8945, HMAC-SHA256/512): what BIND, Knot and PowerDNS
 * accept. Adds and deletes of single TXT records (class NONE deletes exactly that value, §2.5.4).
 */
export function updateMessage(zone: string, changes: readonly TxtChange[], key: TsigKey, now: Date, id = randomInt(0, 0xffff)): Buffer {
  const header = (arcount: number) => Buffer.concat([u16(id), u16(OPCODE_UPDATE << 11), u16(1), u16(0), u16(changes.length), u16(arcount)]);
  const zoneSection = Buffer.concat([wireName(zone), u16(TYPE.SOA), u16(CLASS.IN)]);
  const updates = changes.map((c) => (c.op === "add" ? rr(c.name, TYPE.TXT, CLASS.IN, 60, txtRdata(c.value)) : rr(c.name, TYPE.TXT, CLASS.NONE, 0, txtRdata(c.value))));
  const unsigned = Buffer.concat([header(0), zoneSection, ...updates]);
  const time = Math.floor(now.getTime() / 1000);
  const algorithm = wireName(key.algorithm);
  // The TSIG variables (RFC 8945 §4.3.3), appended to the message for the MAC.
  const variables = Buffer.concat([wireName(key.name), u16(CLASS.ANY), u32(0), algorithm, u48(time), u16(FUDGE), u16(0), u16(0)]);
  const mac = createHmac(key.algorithm === "hmac-sha512" ? "sha512" : "sha256", key.secret)
    .update(Buffer.concat([unsigned, variables]))
    .digest();
  const tsigRdata = Buffer.concat([algorithm, u48(time), u16(FUDGE), u16(mac.length), mac, u16(id), u16(0), u16(0)]);
  return Buffer.concat([header(1), zoneSection, ...updates, rr(key.name, TYPE.TSIG, CLASS.ANY, 0, tsigRdata)]);
}

/** Sends an UPDATE over UDP and reads the server's answer code; every failure names the server and what it said. */
export async function sendUpdate(server: { host: string; port: number }, zone: string, changes: readonly TxtChange[], key: TsigKey, timeoutMs = 5000): Promise<void> {
  const message = updateMessage(zone, changes, key, new Date());
  const answer = await new Promise<Buffer>((resolve, reject) => {
    const socket = createSocket(server.host.includes(":") ? "udp6" : "udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new InputError(`${server.host}:${server.port}: no answer to the DNS update within ${timeoutMs / 1000} s`, { field: "--dns-rfc2136" }));
    }, timeoutMs);
    socket.on("message", (m) => {
      if (m.length < 12 || m.readUInt16BE(0) !== message.readUInt16BE(0)) return;
      clearTimeout(timer);
      socket.close();
      resolve(m);
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      socket.close();
      reject(new InputError(`${server.host}:${server.port}: the DNS update could not be sent (${e.message})`, { field: "--dns-rfc2136" }));
    });
    socket.send(message, server.port, server.host);
  });
  const rcode = answer.readUInt16BE(2) & 0x0f;
  if (rcode !== 0) throw new InputError(`${server.host}:${server.port} refused the update of zone ${zone}: ${RCODES[rcode] ?? `rcode ${rcode}`}`, { field: "--dns-rfc2136" });
}
