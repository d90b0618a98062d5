import { Keystore } from "../services/keystore/keystore";
import { defaultStoreDir } from "../services/keystore/store-location";
import type { CliIo, OptionValues } from "./command";

/** The keystore folder: --store DIR, else the one the desktop app uses too. */
export function storeDirFrom(values: OptionValues, io: CliIo): string {
  return (values.store as string | undefined) ?? defaultStoreDir(io.env);
}

export function keystoreFrom(values: OptionValues, io: CliIo): Keystore {
  return new Keystore(storeDirFrom(values, io));
}
