import { describe, expect, it } from "vitest";
import { resolveStripeSettings, StripeConfigError } from "./settings";

const none = {
  STRIPE_SECRET_KEY: undefined,
  STRIPE_PUBLISHABLE_KEY: undefined,
  STRIPE_CONNECT_CLIENT_ID: undefined,
  STRIPE_WEBHOOK_SECRET: undefined,
  STRIPE_CONNECT_WEBHOOK_SECRET: undefined,
  STRIPE_CONNECT_BASE_URL: undefined,
  STRIPE_EMULATOR_URL: "http://127.0.0.1:12345",
};
const real = {
  ...none,
  stripeMode: "real" as const,
  STRIPE_PUBLISHABLE_KEY: "pk_test_x",
  STRIPE_CONNECT_CLIENT_ID: "ca_x",
  STRIPE_WEBHOOK_SECRET: "whsec_a",
  STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_b",
};

describe("resolveStripeSettings", () => {
  it("points every base at the emulator with the emulator's keys by default", () => {
    const s = resolveStripeSettings({ ...none, stripeMode: "emulator" });
    expect(s).toMatchObject({
      mode: "emulator",
      secretKey: "sk_test_emulator",
      publishableKey: "pk_test_emulator",
      clientId: "ca_emulator",
      webhookSecret: "whsec_emulator_platform",
      connectWebhookSecret: "whsec_emulator_connect",
      connectBaseUrl: "http://127.0.0.1:12345",
      api: { host: "127.0.0.1", port: 12345, protocol: "http" },
    });
  });

  it("uses the configured keys and connect.stripe.com for real Stripe", () => {
    const s = resolveStripeSettings({ ...real, STRIPE_SECRET_KEY: "sk_test_abc" });
    expect(s).toMatchObject({
      mode: "real",
      secretKey: "sk_test_abc",
      clientId: "ca_x",
      connectBaseUrl: "https://connect.stripe.com",
      api: null,
      livemode: false,
    });
  });

  it("refuses a live key pointed at a local Connect base (the emulator)", () => {
    expect(() =>
      resolveStripeSettings({
        ...real,
        STRIPE_SECRET_KEY: "sk_live_abc",
        STRIPE_CONNECT_BASE_URL: "http://127.0.0.1:12111",
      }),
    ).toThrow(StripeConfigError);
  });
});
