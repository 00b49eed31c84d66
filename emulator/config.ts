// The only reader of process.env for the emulator: everything else receives an EmulatorConfig.

export interface WebhookRetryConfig {
  /** Delays between attempts, in milliseconds; attempts = delays.length + 1. */
  delaysMs: number[];
  /** How long one delivery may take before it counts as failed. */
  timeoutMs: number;
}

export interface EnvWebhookEndpoint {
  url: string;
  secret: string;
  connect: boolean;
}

export interface EmulatorConfig {
  port: number;
  host: string;
  secretKey: string;
  publishableKey: string;
  clientId: string;
  dataFile: string | null;
  webhookEndpoints: EnvWebhookEndpoint[];
  stripeFeePercent: number;
  stripeFeeFixed: number;
  webhookRetry: WebhookRetryConfig;
  /** Name shown for the platform in hosted pages and on the platform account. */
  platformName: string;
  /** Log one line per request to stdout (CLI only). */
  log: boolean;
}

export type EmulatorOptions = Partial<EmulatorConfig>;

const DEFAULT_RETRY: WebhookRetryConfig = {
  delaysMs: [500, 1000, 2000, 4000, 8000],
  timeoutMs: 5000,
};

function numberFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return n;
}

/** Reads the environment once; options given in-process win over it. */
export function loadConfig(
  options: EmulatorOptions = {},
  env: Record<string, string | undefined> = process.env,
): EmulatorConfig {
  const endpoints: EnvWebhookEndpoint[] = [];
  if (env.EMULATOR_PLATFORM_WEBHOOK_URL) {
    endpoints.push({
      url: env.EMULATOR_PLATFORM_WEBHOOK_URL,
      secret: env.EMULATOR_PLATFORM_WEBHOOK_SECRET || "whsec_emulator_platform",
      connect: false,
    });
  }
  if (env.EMULATOR_CONNECT_WEBHOOK_URL) {
    endpoints.push({
      url: env.EMULATOR_CONNECT_WEBHOOK_URL,
      secret: env.EMULATOR_CONNECT_WEBHOOK_SECRET || "whsec_emulator_connect",
      connect: true,
    });
  }
  const retryBase = env.EMULATOR_WEBHOOK_RETRY_BASE_MS;
  const retryAttempts = env.EMULATOR_WEBHOOK_ATTEMPTS;
  let webhookRetry = DEFAULT_RETRY;
  if (retryBase || retryAttempts) {
    const base = numberFrom(retryBase, 500, "EMULATOR_WEBHOOK_RETRY_BASE_MS");
    const attempts = Math.max(
      1,
      Math.floor(numberFrom(retryAttempts, 6, "EMULATOR_WEBHOOK_ATTEMPTS")),
    );
    webhookRetry = {
      delaysMs: Array.from({ length: attempts - 1 }, (_, i) => Math.min(base * 2 ** i, 30_000)),
      timeoutMs: DEFAULT_RETRY.timeoutMs,
    };
  }

  const config: EmulatorConfig = {
    port: Math.floor(numberFrom(env.EMULATOR_PORT, 12111, "EMULATOR_PORT")),
    host: env.EMULATOR_HOST || "127.0.0.1",
    secretKey: env.EMULATOR_SECRET_KEY || "sk_test_emulator",
    publishableKey: env.EMULATOR_PUBLISHABLE_KEY || "pk_test_emulator",
    clientId: env.EMULATOR_CLIENT_ID || "ca_emulator",
    dataFile: env.EMULATOR_DATA_FILE ? env.EMULATOR_DATA_FILE : null,
    webhookEndpoints: endpoints,
    stripeFeePercent: numberFrom(
      env.EMULATOR_STRIPE_FEE_PERCENT,
      2.9,
      "EMULATOR_STRIPE_FEE_PERCENT",
    ),
    stripeFeeFixed: Math.floor(
      numberFrom(env.EMULATOR_STRIPE_FEE_FIXED, 30, "EMULATOR_STRIPE_FEE_FIXED"),
    ),
    webhookRetry,
    platformName: env.EMULATOR_PLATFORM_NAME || "Bazaar",
    log: env.EMULATOR_LOG === "1",
    ...stripUndefined(options),
  };
  assertSafe(config);
  return config;
}

function stripUndefined(options: EmulatorOptions): EmulatorOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as EmulatorOptions;
}

/** The emulator must never be reachable from outside the machine, nor hold a live key. */
export function assertSafe(config: EmulatorConfig): void {
  if (config.host !== "127.0.0.1") {
    throw new Error(
      `EMULATOR_HOST must be 127.0.0.1 (got "${config.host}"): the emulator only binds to loopback.`,
    );
  }
  if (/^(sk|rk)_live_/.test(config.secretKey)) {
    throw new Error(
      "Refusing to start: EMULATOR_SECRET_KEY is a live key. The emulator only accepts test keys.",
    );
  }
  if (/^pk_live_/.test(config.publishableKey)) {
    throw new Error("Refusing to start: EMULATOR_PUBLISHABLE_KEY is a live key.");
  }
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new Error(`EMULATOR_PORT must be a port number (got ${config.port}).`);
  }
}
