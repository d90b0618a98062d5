export type View = "wizard" | "topology" | "requests" | "import" | "export";

/** Which view is shown, and the request the Export view opens on: any view may send the admin on. */
export const nav: { view: View; exportId: string | null } = $state({ view: "wizard", exportId: null });

export function openExport(id: string): void {
  nav.exportId = id;
  nav.view = "export";
}
