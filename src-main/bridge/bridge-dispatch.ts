import { BRIDGE_PREFIX, CHANNELS, type Channel, type Envelope } from "../../shared/bridge/bridge-contract";
import { PAYLOAD_SCHEMAS } from "../../shared/bridge/bridge-schemas";
import { InputError } from "../../shared/errors";
import { systemError } from "../services/files/fs-errors";

const KNOWN: ReadonlySet<string> = new Set(Object.values(CHANNELS));

/** The sender must be the app's own page: same origin as the one main loaded (file:// app, or the test server). */
export function isTrustedSender(senderUrl: string | undefined, appUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const app = new URL(appUrl);
    if (sender.protocol !== app.protocol) return false;
    if (app.protocol === "file:") return sender.host === app.host && sender.pathname === app.pathname;
    return sender.origin === app.origin;
  } catch {
    return false;
  }
}

/**
 * Every bridge call goes through here: known channel with the fixed prefix, trusted sender, payload that
 * matches its schema; then the handler. Errors become `{ ok: false, error }` with a message for the UI.
 */
export async function dispatch(
  handlers: Record<Channel, (payload: unknown) => Promise<unknown>>,
  channel: string,
  payload: unknown,
  senderUrl: string | undefined,
  appUrl: string,
): Promise<Envelope<unknown>> {
  if (!channel.startsWith(BRIDGE_PREFIX) || !KNOWN.has(channel)) return { ok: false, error: { message: `unknown channel ${String(channel).slice(0, 80)}` } };
  if (!isTrustedSender(senderUrl, appUrl)) return { ok: false, error: { message: "call refused: it does not come from LyncCert's own page" } };
  let parsed;
  try {
    parsed = PAYLOAD_SCHEMAS[channel as Channel].safeParse(payload);
  } catch {
    // A payload too deep or of a kind JSON has no word for (BigInt) can throw inside a schema: refused all the same.
    return { ok: false, error: { message: `invalid request for ${channel}: payload is not plain JSON data` } };
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { message: `invalid request for ${channel}: ${issue?.path.join(".") || "payload"} ${issue?.message ?? ""}`.trim(), field: issue?.path.join(".") } };
  }
  try {
    return { ok: true, value: (await handlers[channel as Channel](parsed.data)) ?? null };
  } catch (thrown) {
    const error = systemError(thrown);
    const e = error as Error;
    if (error instanceof InputError)
      return { ok: false, error: { message: e.message, ...(error.field ? { field: error.field } : {}), ...(error.rule ? { rule: error.rule } : {}) } };
    return { ok: false, error: { message: `unexpected error: ${e.message.split("\n")[0]}` } };
  }
}
