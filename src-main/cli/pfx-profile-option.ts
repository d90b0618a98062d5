import { InputError } from "../../shared/errors";
import { isPfxProfile, PFX_PROFILES, type PfxProfile } from "../../shared/export/pfx-profile";
import type { OptionValues } from "./command";

/** --profile compat|modern (compat when not given), checked with the one message every command gives. */
export function pfxProfileOption(values: OptionValues): PfxProfile {
  const profile = (values.profile as string | undefined) ?? "compat";
  if (!isPfxProfile(profile))
    throw new InputError(`--profile ${profile}: use compat (${PFX_PROFILES.compat.title}) or modern (${PFX_PROFILES.modern.title})`, { field: "--profile" });
  return profile;
}
