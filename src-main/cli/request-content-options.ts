import { parseHash, parseKeySpec, signingProfile, type HashName, type KeySpec } from "../../shared/crypto/key-spec";
import { parseSubjectOption, type SubjectDetails } from "../../shared/csr/subject";
import { checkTemplateName } from "../../shared/csr/template-name";
import { InputError } from "../../shared/errors";
import type { OptionSpec, OptionValues } from "./command";

/** What goes into a request besides its names: key, hash, subject details, template (request, inf, --all). */
export const REQUEST_CONTENT_OPTIONS: OptionSpec = {
  key: { type: "string" },
  hash: { type: "string" },
  subject: { type: "string" },
  template: { type: "string" },
  "no-template": { type: "boolean" },
};

export interface RequestContent {
  key: KeySpec;
  hash: HashName | undefined;
  subject: SubjectDetails;
  template: string | null;
}

export function requestContentFrom(values: OptionValues): RequestContent {
  if (values.template && values["no-template"]) throw new InputError("--template and --no-template contradict each other", { field: "--template" });
  const key = parseKeySpec(values.key as string | undefined);
  const hash = parseHash(values.hash as string | undefined);
  // Key and hash together, up front: a batch must not fail item by item on a combination refused for all.
  signingProfile(key, hash);
  return {
    key,
    hash,
    subject: values.subject ? parseSubjectOption(values.subject as string) : {},
    template: values["no-template"] ? null : checkTemplateName((values.template as string | undefined) ?? "WebServer", "--template"),
  };
}
