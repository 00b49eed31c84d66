// Contract: abandoned-checkout recovery — after_expiration.recovery and consent_collection on
// Checkout Sessions; the expired session's recovery URL (and, with consent, the shopper's
// e-mail) in checkout.session.expired; the recovered session with recovered_from.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, lineItem, onboardedAccount, real, setUp, type Harness } from "./harness";

let h: Harness;
let account: string;
beforeAll(async () => {
  h = await setUp();
  account = await onboardedAccount(h, "express");
});
afterAll(() => h.close());

const on = () => ({ stripeAccount: account });

const recoverable = (): Promise<Stripe.Checkout.Session> =>
  h.stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [lineItem(2500, 2)],
      payment_intent_data: { application_fee_amount: 250 },
      after_expiration: { recovery: { enabled: true, allow_promotion_codes: true } },
      consent_collection: { promotions: "auto" },
      success_url: "https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://example.com/cart",
    },
    on(),
  );

describe("recovery settings", () => {
  it("carries after_expiration and consent_collection on the session", async () => {
    const session = await recoverable();
    expect(session.after_expiration).toEqual({
      recovery: { allow_promotion_codes: true, enabled: true, expires_at: null, url: null },
    });
    expect(session.consent_collection).toMatchObject({ promotions: "auto" });
    expect(session.recovered_from).toBeNull();
  });
});

describe.skipIf(real)("recovering an abandoned checkout (control API)", () => {
  it("gives the expired session a recovery URL and, with consent, the shopper's e-mail", async () => {
    const session = await recoverable();
    await control(h, "POST", `/checkout/sessions/${session.id}/customer`, {
      email: "comeback@example.com",
      promotions: "opt_in",
    });
    await h.stripe.checkout.sessions.expire(session.id, {}, on());
    const expired = await h.stripe.checkout.sessions.retrieve(session.id, {}, on());
    const recovery = expired.after_expiration?.recovery;
    expect(recovery?.url).toMatch(/\/c\/recover\//);
    expect((recovery?.expires_at ?? 0) - (await nowOf())).toBeGreaterThan(29 * 24 * 3600);
    expect(expired.consent?.promotions).toBe("opt_in");
    expect(expired.customer_details?.email).toBe("comeback@example.com");
    const events = await h.stripe.events.list({ type: "checkout.session.expired" }, on());
    const payload = events.data.find(
      (e) => (e.data.object as Stripe.Checkout.Session).id === session.id,
    )?.data.object as Stripe.Checkout.Session;
    expect(payload.after_expiration?.recovery?.url).toBe(recovery?.url);

    // The link opens a new session with the same cart; a second visit opens the same one.
    const first = await fetch(recovery?.url ?? "", { redirect: "manual" });
    expect(first.status).toBe(303);
    const location = first.headers.get("location") ?? "";
    const recoveredId = location.split("/").pop() ?? "";
    const second = await fetch(recovery?.url ?? "", { redirect: "manual" });
    expect(second.headers.get("location")).toBe(location);
    const recovered = await h.stripe.checkout.sessions.retrieve(recoveredId, {}, on());
    expect(recovered).toMatchObject({
      status: "open",
      recovered_from: session.id,
      amount_total: 5000,
      allow_promotion_codes: true,
      customer_email: "comeback@example.com",
    });
    const items = await h.stripe.checkout.sessions.listLineItems(recoveredId, {}, on());
    expect(items.data.map((li) => [li.description, li.quantity])).toEqual([["Ceramic mug", 2]]);

    await control(h, "POST", `/checkout/sessions/${recoveredId}/pay`, {
      card: "4242424242424242",
    });
    const paid = await h.stripe.checkout.sessions.retrieve(
      recoveredId,
      { expand: ["payment_intent"] },
      on(),
    );
    expect(paid.status).toBe("complete");
    expect((paid.payment_intent as Stripe.PaymentIntent).application_fee_amount).toBe(250);
  });

  it("keeps no e-mail without consent, and the link ends after 30 days", async () => {
    const session = await recoverable();
    await control(h, "POST", `/checkout/sessions/${session.id}/customer`, {
      email: "private@example.com",
      promotions: "opt_out",
    });
    await h.stripe.checkout.sessions.expire(session.id, {}, on());
    const expired = await h.stripe.checkout.sessions.retrieve(session.id, {}, on());
    expect(expired.consent?.promotions).toBe("opt_out");
    expect(expired.customer_details).toBeNull();
    await control(h, "POST", "/clock/advance", { seconds: String(31 * 24 * 3600) });
    const late = await fetch(expired.after_expiration?.recovery?.url ?? "", {
      redirect: "manual",
    });
    expect(late.status).toBe(410);
  });
});

async function nowOf(): Promise<number> {
  return (await control<{ now: number }>(h, "GET", "/clock")).body.now;
}
