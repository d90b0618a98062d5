import { MIN_PFX_PASSWORD_LENGTH } from "../../shared/export/pfx-profile";

/** Why a PFX password typed twice cannot be used yet, or "" when it can (shown beside the disabled button). */
export function pfxPasswordProblem(password: string, confirm: string): string {
  if (password.length < MIN_PFX_PASSWORD_LENGTH) return `The PFX password needs at least ${MIN_PFX_PASSWORD_LENGTH} characters: it travels with the PFX files.`;
  return password === confirm ? "" : "The two PFX passwords differ.";
}
