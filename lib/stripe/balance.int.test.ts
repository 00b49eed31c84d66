// The merchant balance page's data, read live from the emulator.
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "@/emulator/server";
import { makeShop, makeUser } from "@/lib/testing/factories";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());

const { attachAccount, disconnectShop } = await import("@/db/queries/connect");
const { getStripe } = await import("./client");
const { toAccountSnapshot } = await import("./account");
const { loadShopBalance, balanceLines } = await import("./balance");

async function control(path: string, body: Record<string, string> = {}) {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const expressParams = {
  controller: {
    stripe_dashboard: { type: "express" as const },
    fees: { payer: "application" as const },
    losses: { payments: "application" as const },
    requirement_collection: "stripe" as const,
  },
  capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  country: "US",
};

async function shop() {
  const user = await makeUser();
  return makeShop(user.id);
}

describe("shop balance", () => {
  it("merges available and pending amounts per currency", () => {
    expect(
      balanceLines({
        available: [
          { amount: 100, currency: "usd", source_types: {} },
          { amount: 50, currency: "eur", source_types: {} },
        ],
        pending: [{ amount: 2250, currency: "usd", source_types: {} }],
      }),
    ).toEqual([
      { currency: "EUR", available: 50, pending: 0 },
      { currency: "USD", available: 100, pending: 2250 },
    ]);
  });

  it("says so plainly for a shop without an account, and for a disconnected one", async () => {
    const s = await shop();
    expect((await loadShopBalance(s.id)).kind).toBe("not_connected");
    const account = await getStripe().accounts.create(expressParams);
    await attachAccount(s.id, toAccountSnapshot(account), new Date());
    await disconnectShop(s.id);
    expect((await loadShopBalance(s.id)).kind).toBe("not_connected");
  });

  it("turns a Stripe error into a message instead of throwing", async () => {
    const s = await shop();
    const account = await getStripe().accounts.create(expressParams);
    await attachAccount(
      s.id,
      { ...toAccountSnapshot(account), accountId: "acct_1DoesNotExist000" },
      new Date(),
    );
    const result = await loadShopBalance(s.id);
    expect(result).toMatchObject({ kind: "error", accountType: "express" });
    if (result.kind === "error") expect(result.message).toMatch(/Stripe did not answer/);
  });

  it("shows a paid charge as pending (net of the application fee) and a payout once made", async () => {
    const s = await shop();
    const stripe = getStripe();
    const account = await stripe.accounts.create(expressParams);
    await control(`/accounts/${account.id}/onboard`);
    await attachAccount(
      s.id,
      toAccountSnapshot(await stripe.accounts.retrieve(account.id)),
      new Date(),
    );
    const checkout = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            price_data: { currency: "usd", unit_amount: 4000, product_data: { name: "Beans" } },
            quantity: 1,
          },
        ],
        payment_intent_data: { application_fee_amount: 230 },
        success_url: "http://localhost/thanks",
        cancel_url: "http://localhost/cart",
      },
      { stripeAccount: account.id, idempotencyKey: `balance-test-${account.id}` },
    );
    await control(`/checkout/sessions/${checkout.id}/pay`, { card: "4242424242424242" });

    const pending = await loadShopBalance(s.id);
    if (pending.kind !== "ok") throw new Error(pending.message);
    expect(pending.lines).toEqual([{ currency: "USD", available: 0, pending: 4000 - 230 }]);
    expect(pending.payouts).toEqual([]);

    await control("/balance/settle", { account: account.id });
    await stripe.payouts.create(
      { amount: 1000, currency: "usd" },
      { stripeAccount: account.id, idempotencyKey: `po-${account.id}` },
    );
    const after = await loadShopBalance(s.id);
    if (after.kind !== "ok") throw new Error(after.message);
    expect(after.lines).toEqual([{ currency: "USD", available: 3770 - 1000, pending: 0 }]);
    expect(after.payouts).toHaveLength(1);
    expect(after.payouts[0]).toMatchObject({ amount: 1000, currency: "USD" });
  });
});
