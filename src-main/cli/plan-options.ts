import { InputError } from "../../shared/errors";
import type { PlanRequest } from "../../shared/planner/plan-types";
import { parseTypesOption } from "../../shared/planner/types-option";
import { CERT_ROLE_IDS, isRoleId } from "../../shared/roles/cert-roles";
import type { OptionSpec, OptionValues } from "./command";

/** The options `plan` and `request` share: which certificate, for which server. */
export const PLAN_OPTIONS: OptionSpec = {
  site: { type: "string" },
  role: { type: "string" },
  server: { type: "string" },
  types: { type: "string" },
  wildcards: { type: "boolean" },
  all: { type: "boolean" },
  separate: { type: "boolean" },
};

export const PLAN_USAGE = "--site FILE (--role ROLE [--server FQDN] [--types T,...] | --all [--separate]) [--wildcards]";

/** `--all`: every certificate of the site; it excludes naming one certificate. */
export function isAll(values: OptionValues): boolean {
  if (!values.all) {
    if (values.separate) throw new InputError("--separate goes with --all (for one certificate, use --types)", { field: "--separate" });
    return false;
  }
  for (const one of ["role", "server", "types"])
    if (values[one] !== undefined) throw new InputError(`--all plans every certificate of the site; leave --${one} out`, { field: `--${one}` });
  return true;
}

export function planRequestFrom(values: OptionValues): PlanRequest {
  const role = values.role as string | undefined;
  if (!role) throw new InputError(`--role is required: one of ${CERT_ROLE_IDS.join(", ")}`, { field: "--role" });
  if (!isRoleId(role)) throw new InputError(`--role ${role}: unknown role; one of ${CERT_ROLE_IDS.join(", ")}`, { field: "--role" });
  return {
    role,
    ...(values.server ? { server: values.server as string } : {}),
    ...(values.types !== undefined ? { types: parseTypesOption(values.types as string) } : {}),
    wildcards: values.wildcards === true,
  };
}
