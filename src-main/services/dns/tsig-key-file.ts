import { InputError } from "../../../shared/errors";

/** A TSIG key (RFC 8945) as BIND's tsig-keygen, Knot's keymgr and PowerDNS write it. */
export interface TsigKey {
  name: string;
  algorithm: "hmac-sha256" | "hmac-sha512";
  secret: Buffer;
}

/**
 * Reads a BIND-style key file: `key "name" { algorithm hmac-sha256; secret "base64"; };`. Only SHA-2 HMACs:
 * hmac-md5 and hmac-sha1 are refused by name (RFC 8945 §6 deprecates them).
 */
export function parseTsigKeyFile(text: string, file: string): TsigKey {
  const block = /key\s+"?([A-Za-z0-9._-]+)"?\s*\{([^}]*)\}/.exec(text);
  if (!block)
    throw new InputError(`${file}: no key "NAME" { algorithm …; secret "…"; }; block (a BIND-style TSIG key file, as tsig-keygen writes it)`, { field: "--tsig-key-file" });
  const algorithm = /algorithm\s+"?([A-Za-z0-9.-]+)"?\s*;/.exec(block[2]!)?.[1]?.toLowerCase().replace(/\.$/, "");
  const secret = /secret\s+"([A-Za-z0-9+/=]+)"\s*;/.exec(block[2]!)?.[1];
  if (algorithm !== "hmac-sha256" && algorithm !== "hmac-sha512")
    throw new InputError(`${file}: algorithm ${algorithm ?? "(none)"}; LyncCert signs updates with hmac-sha256 or hmac-sha512 only`, { field: "--tsig-key-file" });
  if (!secret) throw new InputError(`${file}: no secret "…"; in the key block`, { field: "--tsig-key-file" });
  return { name: block[1]!, algorithm, secret: Buffer.from(secret, "base64") };
}
