export type View = "wizard" | "topology" | "requests" | "import" | "export";

/**
 * Which view is shown, and the request the Export view opens on: any view may send the admin on. `fresh` counts
 * the times "New request" was chosen (each starts a new request); `pickFile` asks Import and verify to open its
 * file picker at once (the admin chose "Import the CA's answer…").
 */
export const nav: { view: View; exportId: string | null; fresh: number; pickFile: boolean } = $state({ view: "wizard", exportId: null, fresh: 0, pickFile: false });

export function startNewRequest(): void {
  nav.view = "wizard";
  nav.fresh++;
}

export function importAnswer(): void {
  nav.pickFile = true;
  nav.view = "import";
}

export function openExport(id: string): void {
  nav.exportId = id;
  nav.view = "export";
}
