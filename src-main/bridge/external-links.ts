/** Documentation the app may open in the browser: https only, Microsoft's and the rule sources' hosts only. */
const ALLOWED_HOSTS = ["learn.microsoft.com", "docs.microsoft.com", "technet.microsoft.com", "github.com"];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return false;
  if (!ALLOWED_HOSTS.includes(url.hostname)) return false;
  return url.hostname !== "github.com" || url.pathname.startsWith("/MicrosoftDocs/");
}
