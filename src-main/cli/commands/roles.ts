import { CERT_ROLES } from "../../../shared/roles/cert-roles";
import { COMMON_OPTIONS, type Command } from "../command";

export const rolesCommand: Command = {
  usage: "lynccert roles [--json]",
  options: COMMON_OPTIONS,
  async run(values, _positionals, io) {
    const roles = CERT_ROLES.map((r) => ({
      id: r.id,
      title: r.title,
      scope: r.scope,
      defaultTypes: r.defaultTypes,
      allowedTypes: r.allowedTypes,
      rules: r.rules,
      summary: r.summary,
    }));
    if (values.json) io.out(JSON.stringify(roles, null, 2));
    else
      for (const r of roles)
        io.out(
          `${r.id.padEnd(30)}${r.title}\n${"".padEnd(30)}-Type ${r.defaultTypes.join(",") || "(none)"}; --server names a ${r.scope === "member" ? "pool member" : r.scope === "pool" ? "pool" : "nothing (one per deployment)"}`,
        );
    return 0;
  },
};
