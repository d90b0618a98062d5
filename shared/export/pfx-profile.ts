import { InputError } from "../errors";

/**
 * PFX layouts, named by what imports them (crypto-notes): Windows Server 2016 and older reject PBES2/AES
 * and SHA-256 MACs with a misleading "the password you entered is incorrect".
 */
export const PFX_PROFILES = {
  compat: {
    title: "Windows Server 2008 R2 – 2016",
    detail: "key and certificates with pbeWithSHAAnd3-KeyTripleDES-CBC, HMAC-SHA1 MAC: what Lync Server 2013's operating systems can import",
  },
  modern: {
    title: "Windows Server 2019 and later",
    detail: "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), HMAC-SHA256 MAC",
  },
} as const;
export type PfxProfile = keyof typeof PFX_PROFILES;

export function isPfxProfile(value: string): value is PfxProfile {
  return Object.hasOwn(PFX_PROFILES, value);
}

/** PFX passwords travel with the file to the server; ask for more than a keystore passphrase. */
export const MIN_PFX_PASSWORD_LENGTH = 12;

export function checkPfxPassword(password: string, source: string): string {
  if ([...password].length < MIN_PFX_PASSWORD_LENGTH)
    throw new InputError(`${source}: the PFX password needs at least ${MIN_PFX_PASSWORD_LENGTH} characters; it travels with the file`, { field: source });
  return password;
}
