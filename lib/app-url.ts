import "server-only";
import { env } from "@/lib/env";

/**
 * An absolute URL on the platform, always from APP_URL: redirects and links never take their
 * host from the request (a forged Host or X-Forwarded-Host would otherwise choose it).
 */
export function appUrl(path: string) {
  return new URL(path, env().APP_URL);
}
