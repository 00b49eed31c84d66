/**
 * Where to go after signing in: only a path on this site. The value is parsed as a URL against
 * a placeholder origin, exactly as a browser would resolve it from a page of ours, so every
 * trick that makes a browser leave the site (`//evil`, `/\evil`, `/%09/evil`, tabs, newlines,
 * encoded slashes, `javascript:`) ends up on another origin here and is refused.
 */
const PLACEHOLDER_ORIGIN = "https://bazaar.invalid";
const REFUSED_PREFIXES = ["/sign-in", "/sign-up", "/api/"];

export function safeRedirectPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value === "" || value.length > 2_000) return fallback;
  // Browsers strip tabs and newlines anywhere in a URL and trim spaces and C0 controls at the
  // ends; anything of the kind in a path of ours is a forgery.
  if (/[\u0000-\u001f\u007f\\]/.test(value) || value !== value.trim()) return fallback;
  if (!value.startsWith("/")) return fallback;
  let decoded = value;
  try {
    // An encoded slash or backslash at the start survives one decode in some routers: check
    // the decoded form as well.
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (/^[/\\]{2}/.test(decoded) || /[\u0000-\u001f\u007f]/.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  if (
    REFUSED_PREFIXES.some(
      (p) => url.pathname === p.replace(/\/$/, "") || url.pathname.startsWith(p),
    )
  )
    return fallback;
  return path;
}
