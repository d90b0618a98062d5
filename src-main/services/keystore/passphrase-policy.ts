import { InputError } from "../../../shared/errors";

export const MIN_PASSPHRASE_LENGTH = 8;

/** Keys at rest are only as safe as the passphrase; refuse short ones. Never echoes the passphrase. */
export function checkPassphrase(passphrase: string, source: string): string {
  const trimmed = passphrase.replace(/\r?\n$/, "");
  if ([...trimmed].length < MIN_PASSPHRASE_LENGTH) {
    throw new InputError(`${source}: the keystore passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`, { field: source });
  }
  return trimmed;
}
