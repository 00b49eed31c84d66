import "server-only";
import { z } from "zod";

/**
 * The only reader of process.env in the app. Validated once, lazily, so `next build`
 * never needs runtime secrets; `instrumentation.ts` calls `loadEnv()` at start-up so a
 * bad value stops the server before it serves anything.
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z
      .url({ message: "must be an absolute URL such as http://localhost:3000" })
      .default("http://localhost:3000"),
    ROOT_DOMAIN: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z0-9.-]+(:\d+)?$/, "must be a bare host such as shops.example.com")
        .optional(),
    ),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    BAZAAR_DATA_DIR: z.string().trim().min(1).default(".data"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .optional(),
    AUTH_SECRET: optionalString.pipe(
      z
        .string()
        .min(32, "must be at least 32 characters (try: openssl rand -base64 32)")
        .optional(),
    ),
    STRIPE_SECRET_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^(sk|rk)_(test|live)_/, "must start with sk_test_, sk_live_ or rk_")
        .optional(),
    ),
    STRIPE_PUBLISHABLE_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^pk_(test|live)_/, "must start with pk_test_ or pk_live_")
        .optional(),
    ),
    STRIPE_CONNECT_CLIENT_ID: optionalString.pipe(
      z.string().regex(/^ca_/, "must start with ca_").optional(),
    ),
    STRIPE_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^whsec_/, "must start with whsec_")
        .optional(),
    ),
    STRIPE_CONNECT_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^whsec_/, "must start with whsec_")
        .optional(),
    ),
    STRIPE_CONNECT_BASE_URL: optionalString.pipe(z.url().optional()),
    STRIPE_EMULATOR_URL: z.url().default("http://127.0.0.1:12111"),
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
        .optional(),
    ),
    MAIL_FROM: z.string().default("Bazaar <no-reply@bazaar.localhost>"),
    /** Tries per e-mail before it is dead-lettered (listed in /admin/emails with a retry button). */
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** First retry delay; pg-boss doubles it each time (exponential backoff). */
    EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /**
     * Shared cache for N instances: Next's `'use cache'` and ISR entries live in Redis, so a tag
     * expired on one instance is expired on all. Without it each process keeps its own cache.
     */
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
        .optional(),
    ),
    REDIS_KEY_PREFIX: z.string().trim().default("bazaar:"),
    /**
     * Where jobs run: `inline` (a worker inside the web process: the embedded default), `external`
     * (only `npm run worker` processes run jobs; the default with DATABASE_URL) or `off`.
     */
    BAZAAR_WORKER: z.enum(["inline", "external", "off"]).optional(),
    /** `false` for PgBouncer in transaction mode before 1.21 (no prepared statements). */
    DATABASE_PREPARE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    /** Proxies in front of the app that append to X-Forwarded-For (a load balancer: 1). */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
    SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /** Checkout Sessions a cart / client address may start in 10 minutes. */
    CHECKOUT_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).default(30),
    // Uploaded images go to local disk under BAZAAR_DATA_DIR/uploads unless S3_BUCKET is set,
    // then to that S3-compatible bucket (AWS S3, MinIO, R2 …) signed with SigV4 (aws4fetch).
    S3_ENDPOINT: optionalString.pipe(z.url().optional()),
    S3_BUCKET: optionalString,
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Set with temporary credentials (STS, an assumed IAM role, SSO). */
    S3_SESSION_TOKEN: optionalString,
    /** Public base URL of the bucket (CDN); without it images are served through the app. */
    S3_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  })
  .superRefine((v, ctx) => {
    const stripeVars = [
      "STRIPE_SECRET_KEY",
      "STRIPE_PUBLISHABLE_KEY",
      "STRIPE_CONNECT_CLIENT_ID",
      "STRIPE_WEBHOOK_SECRET",
      "STRIPE_CONNECT_WEBHOOK_SECRET",
    ] as const;
    const set = stripeVars.filter((k) => v[k] !== undefined);
    if (set.length > 0 && set.length < stripeVars.length) {
      for (const k of stripeVars.filter((k) => v[k] === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: `is required when real Stripe is configured (${set.join(", ")} set); set all five Stripe variables or none`,
        });
      }
    }
    if (v.S3_BUCKET) {
      for (const k of ["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (!v[k])
          ctx.addIssue({ code: "custom", path: [k], message: "is required when S3_BUCKET is set" });
      }
    }
    if (v.NODE_ENV === "production" && !v.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (generate one with: openssl rand -base64 32)",
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  stripeMode: "emulator" | "real";
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        `See .env.example for every variable and its meaning.`,
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`),
    );
  }
  const stripeMode = result.data.STRIPE_SECRET_KEY ? "real" : "emulator";
  return { ...result.data, stripeMode };
}

let cached: Env | undefined;

export function loadEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function env(): Env {
  return loadEnv();
}
