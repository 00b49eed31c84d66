// The operator command's core: both webhook endpoints registered with the SDK's API version.
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "@/emulator/server";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());

const { getStripe, STRIPE_API_VERSION } = await import("./client");
const { registerWebhookEndpoints } = await import("./webhook-endpoints");

describe("registerWebhookEndpoints", () => {
  it("creates the platform and Connect endpoints with api_version pinned, once", async () => {
    const stripe = getStripe();
    const first = await registerWebhookEndpoints(stripe, "https://bazaar.example.com");
    expect(first.map((r) => [r.url, r.connect, r.status])).toEqual([
      ["https://bazaar.example.com/api/stripe/webhook", false, "created"],
      ["https://bazaar.example.com/api/stripe/connect-webhook", true, "created"],
    ]);
    expect(first.every((r) => r.secret?.startsWith("whsec_"))).toBe(true);
    const listed = await stripe.webhookEndpoints.list({ limit: 100 });
    const ours = listed.data.filter((e) => e.url.startsWith("https://bazaar.example.com/"));
    expect(ours).toHaveLength(2);
    for (const endpoint of ours) expect(endpoint.api_version).toBe(STRIPE_API_VERSION);
    const connect = ours.find((e) => e.url.endsWith("/connect-webhook"))!;
    expect(connect.enabled_events).toEqual(
      expect.arrayContaining(["checkout.session.completed", "account.updated", "charge.refunded"]),
    );

    // Running the command again changes nothing.
    const again = await registerWebhookEndpoints(stripe, "https://bazaar.example.com");
    expect(again.map((r) => r.status)).toEqual(["up_to_date", "up_to_date"]);
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
  });
});
