// Shared helpers for the hosted-page specs: an SDK client pointed at the emulator the
// Playwright config starts, and fresh objects per test (no global reset: app specs run too).

import Stripe from "stripe";

export const EMULATOR_URL =
  process.env.EMULATOR_URL ?? `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 12112}`;
const port = Number(new URL(EMULATOR_URL).port);

export const stripe = new Stripe("sk_test_emulator", {
  host: "127.0.0.1",
  port,
  protocol: "http",
  maxNetworkRetries: 0,
});

/** A page the browser can be sent back to; the emulator itself answers it (404 page is fine). */
export const APP = `${EMULATOR_URL}/__app`;

/** GET on the emulator's API as the platform (or on a connected account); the parsed JSON. */
export async function emulatorGet<T>(path: string, account?: string): Promise<T> {
  const response = await fetch(`${EMULATOR_URL}${path}`, {
    headers: {
      authorization: "Bearer sk_test_emulator",
      ...(account ? { "stripe-account": account } : {}),
    },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function control(path: string, body: Record<string, string> = {}): Promise<Response> {
  return fetch(`${EMULATOR_URL}/_emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

export async function expressAccount(name = "Pottery Barnacle"): Promise<Stripe.Account> {
  return stripe.accounts.create({
    controller: {
      stripe_dashboard: { type: "express" },
      fees: { payer: "application" },
      losses: { payments: "application" },
      requirement_collection: "stripe",
    },
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    country: "US",
    email: "merchant@example.com",
    business_profile: { name },
  });
}

export async function onboardedExpressAccount(name?: string): Promise<Stripe.Account> {
  const account = await expressAccount(name);
  await control(`/accounts/${account.id}/onboard`);
  return account;
}

export async function hostedSession(
  account: string,
  extra: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          price_data: { currency: "usd", unit_amount: 2400, product_data: { name: "Ceramic mug" } },
          quantity: 2,
        },
        {
          price_data: { currency: "usd", unit_amount: 1200, product_data: { name: "Tea towel" } },
          quantity: 1,
        },
      ],
      payment_intent_data: { application_fee_amount: 300 },
      success_url: `${APP}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${APP}/cart`,
      ...extra,
    },
    { stripeAccount: account },
  );
}
