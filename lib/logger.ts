import pino, { type Logger } from "pino";

/**
 * The one structured logger (pino: one JSON line per record on stdout) for the app, the worker
 * and the Stripe emulator. Records carry `service` and, where there is one, `requestId` (set by
 * the proxy on every request, echoed in the generic error message users see), so a report from
 * a user leads to its log line.
 *
 * The level is passed in (the app reads LOG_LEVEL through lib/env): this module reads no
 * configuration itself, so the emulator and scripts can use it without the app's environment.
 */
export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(service: string, level: LogLevel = "info"): Logger {
  return pino({
    level,
    base: { service },
    // Error objects under `err` keep their type, message, stack and Stripe's code fields.
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    redact: {
      paths: ["password", "*.password", "headers.cookie", "headers.authorization"],
      censor: "[redacted]",
    },
  });
}
