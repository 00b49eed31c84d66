import "server-only";
import { createLogger, type Logger } from "./logger";
import { env } from "./env";
import { REQUEST_ID_HEADER } from "./request-id";

let instance: Logger | undefined;

/** The app's logger (level from LOG_LEVEL; quiet under tests unless asked). */
export function log(): Logger {
  if (!instance) {
    const { LOG_LEVEL, NODE_ENV } = env();
    instance = createLogger("app", LOG_LEVEL ?? (NODE_ENV === "test" ? "silent" : "info"));
  }
  return instance;
}

/** The id the proxy gave this request (x-request-id), or a fresh one outside a request. */
export async function currentRequestId(): Promise<string> {
  try {
    const { headers } = await import("next/headers");
    const id = (await headers()).get(REQUEST_ID_HEADER);
    if (id && /^[A-Za-z0-9-]{8,64}$/.test(id)) return id;
  } catch {
    // Not inside a request (a script, a test): a fresh id still ties the log lines together.
  }
  return crypto.randomUUID();
}
