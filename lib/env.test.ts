import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

function problems(source: Record<string, string>) {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe("parseEnv", () => {
  it("defaults to the embedded database and the Stripe emulator", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BAZAAR_DATA_DIR).toBe(".data");
    expect(env.stripeMode).toBe("emulator");
    expect(env.STRIPE_EMULATOR_URL).toBe("http://127.0.0.1:12111");
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", STRIPE_SECRET_KEY: " " }).stripeMode).toBe("emulator");
  });

  it("names a malformed variable and says how to fix it", () => {
    expect(problems({ DATABASE_URL: "mysql://x" })).toEqual([
      "DATABASE_URL must start with postgres:// or postgresql://",
    ]);
    expect(problems({ APP_URL: "not a url" })[0]).toMatch(/^APP_URL /);
  });

  it("requires AUTH_SECRET in production", () => {
    expect(problems({ NODE_ENV: "production" })[0]).toMatch(
      /^AUTH_SECRET is required in production/,
    );
    expect(problems({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) })).toEqual([]);
  });

  it("requires all five Stripe variables together", () => {
    const list = problems({ STRIPE_SECRET_KEY: "sk_test_123" });
    expect(list).toHaveLength(4);
    expect(list.join("\n")).toMatch(
      /STRIPE_PUBLISHABLE_KEY is required when real Stripe is configured/,
    );
    const env = parseEnv({
      STRIPE_SECRET_KEY: "sk_test_123",
      STRIPE_PUBLISHABLE_KEY: "pk_test_123",
      STRIPE_CONNECT_CLIENT_ID: "ca_123",
      STRIPE_WEBHOOK_SECRET: "whsec_1",
      STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_2",
    });
    expect(env.stripeMode).toBe("real");
  });

  it("the error message points at .env.example", () => {
    expect(() => parseEnv({ SMTP_URL: "http://x" })).toThrow(/\.env\.example/);
  });
});
