// Contract: webhook endpoints, Stripe's signature scheme, retries, and routing of Connect
// versus platform events. Emulator-only: real Stripe cannot reach a local receiver.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  control,
  lineItem,
  onboardedAccount,
  real,
  Receiver,
  setUp,
  type Harness,
} from "./harness";

describe.skipIf(real)("webhooks", () => {
  let h: Harness;
  let receiver: Receiver;
  let base: string;
  let connect: Stripe.WebhookEndpoint;
  let platform: Stripe.WebhookEndpoint;

  beforeAll(async () => {
    h = await setUp();
    receiver = new Receiver();
    base = await receiver.start();
    connect = await h.stripe.webhookEndpoints.create({
      url: `${base}/connect`,
      enabled_events: ["*"],
      connect: true,
    });
    platform = await h.stripe.webhookEndpoints.create({
      url: `${base}/platform`,
      enabled_events: ["application_fee.created", "application_fee.refunded"],
    });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it("shows the secret only on create", async () => {
    expect(connect.secret).toMatch(/^whsec_/);
    expect(connect.object).toBe("webhook_endpoint");
    expect(connect.enabled_events).toEqual(["*"]);
    const listed = await h.stripe.webhookEndpoints.list();
    expect(listed.data.map((e) => e.id)).toEqual(expect.arrayContaining([connect.id, platform.id]));
    expect(listed.data.every((e) => e.secret === undefined)).toBe(true);
    const retrieved = await h.stripe.webhookEndpoints.retrieve(connect.id);
    expect(retrieved.secret).toBeUndefined();
  });

  it("delivers Connect events with `account` to the Connect endpoint and platform events to the platform endpoint, signed", async () => {
    const account = await onboardedAccount(h, "express");
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [lineItem(3000)],
        payment_intent_data: { application_fee_amount: 300 },
        success_url: "http://localhost/s",
      },
      { stripeAccount: account },
    );
    await control(h, "POST", `/checkout/sessions/${session.id}/pay`, { card: "4242424242424242" });

    const completed = await receiver.waitFor(
      (e) =>
        e.type === "checkout.session.completed" &&
        (e.data.object as Stripe.Checkout.Session).id === session.id,
    );
    expect(completed.received.path).toBe("/connect");
    const verified = h.stripe.webhooks.constructEvent(
      completed.received.body,
      completed.received.headers["stripe-signature"] as string,
      connect.secret ?? "",
    );
    expect(verified.account).toBe(account);
    expect(verified.livemode).toBe(false);
    expect(verified.api_version).toBeTruthy();
    expect((verified.data.object as Stripe.Checkout.Session).payment_status).toBe("paid");

    const fee = await receiver.waitFor(
      (e) =>
        e.type === "application_fee.created" &&
        (e.data.object as Stripe.ApplicationFee).account === account,
    );
    expect(fee.received.path).toBe("/platform");
    const feeEvent = h.stripe.webhooks.constructEvent(
      fee.received.body,
      fee.received.headers["stripe-signature"] as string,
      platform.secret ?? "",
    );
    expect(feeEvent.account).toBeUndefined();
    expect(() =>
      h.stripe.webhooks.constructEvent(
        fee.received.body,
        fee.received.headers["stripe-signature"] as string,
        connect.secret ?? "",
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    // Connect events never reach the platform endpoint.
    expect(
      receiver.received
        .filter((r) => r.path === "/platform")
        .every((r) => (JSON.parse(r.body) as Stripe.Event).account === undefined),
    ).toBe(true);
  });

  it("retries a failing endpoint with backoff and records every attempt", async () => {
    receiver.failFirst = 2;
    try {
      const account = await onboardedAccount(h, "express");
      const updated = await h.stripe.accounts.update(account, { metadata: { retry: "yes" } });
      const { event } = await receiver.waitFor(
        (e) =>
          e.type === "account.updated" &&
          e.account === updated.id &&
          (e.data.object as Stripe.Account).metadata?.retry === "yes",
      );
      expect(receiver.attempts.get(event.id)).toBe(3);
      const deliveries = await control<{
        data: Array<{ event: string; attempt: number; ok: boolean; status: number }>;
      }>(h, "GET", `/deliveries?type=account.updated&wait=2000`);
      const attempts = deliveries.body.data
        .filter((d) => d.event === event.id)
        .sort((a, b) => a.attempt - b.attempt);
      expect(attempts.map((a) => [a.attempt, a.ok, a.status])).toEqual([
        [1, false, 500],
        [2, false, 500],
        [3, true, 200],
      ]);
      const stored = await h.stripe.events.retrieve(event.id, {}, { stripeAccount: account });
      expect(stored.pending_webhooks).toBe(0);
    } finally {
      receiver.failFirst = 0;
    }
  });

  it("records account.application.deauthorized for a merchant disconnecting on Stripe's side, then refuses the account", async () => {
    const account = await onboardedAccount(h, "standard");
    await control(h, "POST", `/accounts/${account}/deauthorize`);
    const { event, received } = await receiver.waitFor(
      (e) => e.type === "account.application.deauthorized" && e.account === account,
    );
    expect(received.path).toBe("/connect");
    expect((event.data.object as Stripe.Application).object).toBe("application");
    const error = await h.stripe.balance
      .retrieve(undefined, { stripeAccount: account })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it("keeps the api_version an endpoint was created with", async () => {
    const pinned = await h.stripe.webhookEndpoints.create({
      url: `${base}/pinned`,
      enabled_events: ["checkout.session.completed"],
      connect: true,
      api_version: "2026-09-30.endive",
    });
    expect(pinned.api_version).toBe("2026-09-30.endive");
    const again = await h.stripe.webhookEndpoints.retrieve(pinned.id);
    expect(again.api_version).toBe("2026-09-30.endive");
    await h.stripe.webhookEndpoints.del(pinned.id);
  });

  it("deletes endpoints", async () => {
    const extra = await h.stripe.webhookEndpoints.create({
      url: `${base}/extra`,
      enabled_events: ["charge.refunded"],
    });
    const deleted = await h.stripe.webhookEndpoints.del(extra.id);
    expect(deleted).toMatchObject({ id: extra.id, deleted: true });
  });
});

describe.skipIf(real)("webhook endpoints given by environment", () => {
  it("delivers to the configured URLs with the configured secrets and no set-up call", async () => {
    const receiver = new Receiver();
    const base = await receiver.start();
    const h = await setUp({
      webhookEndpoints: [
        { url: `${base}/platform`, secret: "whsec_env_platform", connect: false },
        { url: `${base}/connect`, secret: "whsec_env_connect", connect: true },
      ],
    });
    try {
      const account = await onboardedAccount(h, "express");
      const { received } = await receiver.waitFor(
        (e) => e.type === "account.updated" && e.account === account,
      );
      expect(received.path).toBe("/connect");
      const event = h.stripe.webhooks.constructEvent(
        received.body,
        received.headers["stripe-signature"] as string,
        "whsec_env_connect",
      );
      expect(event.account).toBe(account);
    } finally {
      await h.close();
      await receiver.close();
    }
  });
});
