import { checkPlainText } from "../text/plain-text";
import { kitComplete, type ServerKit } from "./kit-plan";
import { describe, missingLines } from "./kit-summary";

export const KIT_SCRIPT_NAME = "Install-LyncCert.ps1";
export const KIT_README_NAME = "README.txt";

export interface KitReadmeParams {
  kit: ServerKit;
  madeAt: Date;
  profileTitle: string;
  /** Friendly names of the ready certificates, by request id. */
  friendlyNames: ReadonlyMap<string, string>;
}

/** README.txt of a server's kit (CRLF): what is inside, with thumbprints, what is missing, and the steps. */
export function kitReadme(p: KitReadmeParams): string {
  const { kit } = p;
  const ready = kit.entries.filter((e) => e.state === "ready");
  const missing = missingLines(kit);
  const lync = kit.kind === "lync";
  const lines = [
    `LyncCert deployment kit for ${kit.kind === "reverse-proxy" ? "the reverse proxy" : kit.server}${kit.pool && kit.pool !== kit.server ? ` (pool ${kit.pool})` : ""}`,
    `Made ${p.madeAt.toISOString().slice(0, 16).replace("T", " ")} UTC. PFX files: ${p.profileTitle}; one password for all of them.`,
    "",
    kitComplete(kit)
      ? "COMPLETE: every certificate this server needs is here."
      : `INCOMPLETE: ${missing.length} of ${kit.entries.length} certificate(s) this server needs are missing (below).`,
    "",
    "In this folder",
    ...ready.map((e) =>
      [
        `  ${e.fileName}`,
        `      ${describe(e)}`,
        `      friendly name ${checkPlainText(p.friendlyNames.get(e.requestId!) ?? "", "friendly name")}`,
        `      thumbprint ${e.thumbprint}, expires ${e.notAfter?.slice(0, 10)}, request ${e.requestId}`,
        ...(e.sharedWith.length ? [`      the same certificate and key go to ${e.sharedWith.join(", ")}${e.role === "edge-external" ? " (EDGE-AV-SAME-KEY)" : ""}`] : []),
        ...(e.role === "oauth-token-issuer" ? ["      assigned once, globally: replication copies it to every Front End (OAUTH-GLOBAL)"] : []),
        ...(e.why ? [`      note: ${e.why}`] : []),
      ].join("\r\n"),
    ),
    ...(ready.length ? [`  ${KIT_SCRIPT_NAME}`, "      imports and assigns all of the above, in order; safe to run twice"] : ["  (no certificate is ready for this server yet)"]),
    ...(missing.length ? ["", "Not in this kit: the rollout of this server waits for", ...missing.map((m) => `  - ${m}`)] : []),
    ...(ready.length ? ["", "Steps", ...steps(kit, lync)] : []),
    "",
  ];
  return lines.join("\r\n");
}

function steps(kit: ServerKit, lync: boolean): string[] {
  const shell = lync ? "the Lync Server Management Shell" : "Windows PowerShell";
  const ready = kit.entries.filter((e) => e.state === "ready");
  const avRoll = ready.some((e) => e.types.includes("AudioVideoAuthentication"));
  const oauthRoll = ready.some((e) => e.types.includes("OAuthTokenIssuer"));
  return [
    `  1. Copy this folder to ${kit.kind === "reverse-proxy" ? "the reverse proxy" : kit.kind === "office-web-apps" ? `every machine of the Office Web Apps farm ${kit.server}` : kit.server}. The PFX files hold private keys: carry them on a channel you trust and delete the copies afterwards.`,
    `  2. Open ${shell} as administrator in the folder. Execution policy: where it is Restricted (the default on Windows Server 2008 R2 and 2012),`,
    "     first run Set-ExecutionPolicy -Scope Process -ExecutionPolicy RemoteSigned (this window only); where RemoteSigned refuses the script as",
    `     downloaded, Unblock-File .\\${KIT_SCRIPT_NAME} (PowerShell 3.0 and later) or Properties, Unblock; where Group Policy sets AllSigned, sign the`,
    "     script first (Set-AuthenticodeSignature, with a code-signing certificate the server trusts). From cmd, a scheduled task or a deployment tool:",
    `     powershell.exe -NoProfile -ExecutionPolicy Bypass -File "<this folder>\\${KIT_SCRIPT_NAME}"`,
    `  3. .\\${KIT_SCRIPT_NAME} -WhatIf    shows every change it would make and makes none`,
    `  4. .\\${KIT_SCRIPT_NAME}            asks for the PFX password, then imports and assigns`,
    // Each README speaks of its own roles: the Edge pool's rollout is not a Front End's.
    ...(avRoll
      ? [
          `     While the current A/V Authentication certificate is still in use: .\\${KIT_SCRIPT_NAME} -Roll stages the new one 8 hours before it expires (EDGE-AV-ROLL-LEAD);`,
          "     run it on every member of the Edge pool before the first EffectiveDate (EDGE-AV-ROLL-POOL).",
        ]
      : []),
    ...(oauthRoll
      ? [
          `     While the current OAuthTokenIssuer certificate is still in use: .\\${KIT_SCRIPT_NAME} -Roll stages the new one 24 hours before it expires (OAUTH-ROLL-LEAD);`,
          "     it is global: run it on this server only, replication copies it to every Front End (OAUTH-GLOBAL).",
        ]
      : []),
    lync
      ? "  5. Check: the script ends with Get-CsCertificate, which lists each usage with the thumbprints above."
      : kit.kind === "office-web-apps"
        ? "  5. The script sets the farm's certificate by friendly name (Set-OfficeWebAppsFarm -CertificateName), or prints the New-OfficeWebAppsFarm command for a new farm."
        : "  5. Bind the certificate (thumbprint above) to the HTTPS listener: IIS ARR site binding on 443, Forefront TMG web listener (every array member), or Web Application Proxy.",
  ];
}
