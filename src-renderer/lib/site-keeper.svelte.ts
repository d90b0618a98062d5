import { parseJsonText } from "../../shared/codec/json-text";
import { bridge, errorText } from "./bridge";
import { wizard } from "./wizard-state.svelte";

/** Whether the kept site was read (only then is the draft saved back), and what the admin was told. */
export const keeper = $state({ restored: false, message: "" });

/** Reopens the site the admin worked on last; a first start, or an unreadable file, starts empty and says so. */
export async function restoreSite(): Promise<void> {
  try {
    const kept = await bridge().loadCurrentSite();
    if (kept) {
      wizard.siteDraft = parseJsonText(kept.text, kept.path, "site");
      keeper.message = `Reopened the site you worked on last (kept in ${kept.path}).`;
    }
  } catch (e) {
    keeper.message = `${errorText(e)}. Starting from an empty site; the unreadable file is kept aside when this one is saved.`;
  } finally {
    keeper.restored = true;
  }
}

/** Saves the draft shortly after each change (atomically, in main), so a restart loses nothing. */
export function keepSite(text: string): () => void {
  const timer = setTimeout(() => {
    bridge()
      .saveCurrentSite(text)
      .catch((e) => (keeper.message = `The site could not be kept: ${errorText(e)}`));
  }, 300);
  return () => clearTimeout(timer);
}
