// The control API under /_emulator/: what Stripe does on its side and has no API for
// (a shopper paying, a merchant disconnecting, time passing, funds settling).

import type Stripe from "stripe";
import { renewSubscription, renewSubscriptions } from "./billing";
import { completeOnboarding } from "./resources/accounts";
import type { Emulator } from "./context";
import { closeDispute, expireDisputes, openDispute } from "./disputes";
import { ApiError, invalidRequest, resourceMissing } from "./http/errors";
import type { ParamObject } from "./http/form";
import { Params } from "./http/params";
import { Router } from "./http/router";
import { computeBalance, releaseFunds } from "./ledger";
import { arrivePayouts, createPayout } from "./resources/balance";
import {
  expireSession,
  paySession,
  recordShopperInput,
  refreshSession,
} from "./resources/checkout-sessions";
import { deauthorizeAccount } from "./resources/oauth";
import type { DeliveryRecord } from "./store";

export interface ControlReply {
  status: number;
  body: unknown;
}

type ControlHandler = (
  emu: Emulator,
  p: Params,
  path: Record<string, string>,
  query: URLSearchParams,
) => Promise<unknown> | unknown;

/** Advancing the clock lets time-based things happen: sessions and links expire, funds settle, payouts arrive. */
export function sweep(emu: Emulator): void {
  for (const record of Object.values(emu.store.state.sessions)) refreshSession(emu, record);
  renewSubscriptions(emu);
  expireDisputes(emu);
  releaseFunds(emu, undefined, false);
  arrivePayouts(emu, undefined, false);
}

function accountRecord(emu: Emulator, id: string) {
  const record = emu.store.state.accounts[id];
  if (!record || record.deleted) throw resourceMissing("account", id);
  return record;
}

const TEST_ADDRESS: Stripe.Address = {
  city: "San Francisco",
  country: "US",
  line1: "510 Townsend St",
  line2: null,
  postal_code: "94103",
  state: "CA",
};

function payerFrom(p: Params): {
  email: string | null;
  name: string | null;
  shipping: { name: string; address: Stripe.Address } | null;
} {
  const shipping = p.obj("shipping");
  const address = shipping?.obj("address");
  return {
    email: p.str("email") ?? null,
    name: p.str("name") ?? null,
    shipping: shipping
      ? {
          name: shipping.str("name") ?? "Test Shopper",
          address: {
            city: address?.str("city") ?? null,
            country: address?.str("country") ?? null,
            line1: address?.str("line1") ?? null,
            line2: address?.str("line2") ?? null,
            postal_code: address?.str("postal_code") ?? null,
            state: address?.str("state") ?? null,
          },
        }
      : null,
  };
}

export function createControlRouter(reset: () => void): Router<ControlHandler> {
  const router = new Router<ControlHandler>();

  router.add("POST", "/_emulator/reset", () => {
    reset();
    return { reset: true };
  });

  router.add("POST", "/_emulator/accounts/:id/onboard", (emu, _p, path) =>
    completeOnboarding(emu, accountRecord(emu, path.id ?? "")),
  );

  router.add("POST", "/_emulator/accounts/:id/deauthorize", (emu, _p, path) => {
    const record = accountRecord(emu, path.id ?? "");
    if (!record.connected || record.deauthorized)
      throw invalidRequest(`Account ${record.obj.id} is not connected to the platform.`, "id");
    deauthorizeAccount(emu, record, null);
    return { id: record.obj.id, deauthorized: true };
  });

  router.add("POST", "/_emulator/checkout/sessions/:id/pay", (emu, p, path) => {
    const record = emu.store.state.sessions[path.id ?? ""];
    if (!record) throw resourceMissing("checkout.session", path.id ?? "");
    const payer = payerFrom(p);
    // Tests rarely care about the address; supply one when the session requires it.
    if (record.obj.shipping_address_collection && !payer.shipping)
      payer.shipping = { name: payer.name ?? "Test Shopper", address: TEST_ADDRESS };
    // What the shopper chooses on the page: a shipping option, a promotion code, and the
    // billing address tax is computed from when no shipping address is collected.
    const billing = p.obj("billing_address");
    return paySession(
      emu,
      record,
      {
        card: p.str("card") ?? "4242424242424242",
        ...payer,
        billing: billing
          ? {
              country: billing.str("country") ?? null,
              state: billing.str("state") ?? null,
              postal_code: billing.str("postal_code") ?? null,
            }
          : null,
        shippingRate: p.str("shipping_rate") ?? null,
        promotionCode: p.str("promotion_code") ?? null,
      },
      null,
    );
  });

  // What a shopper types on the page without paying: e-mail and promotional-consent box.
  router.add("POST", "/_emulator/checkout/sessions/:id/customer", (emu, p, path) => {
    const record = emu.store.state.sessions[path.id ?? ""];
    if (!record) throw resourceMissing("checkout.session", path.id ?? "");
    const promotions = p.oneOf("promotions", ["opt_in", "opt_out"]);
    recordShopperInput(
      emu,
      record,
      p.str("email") ?? null,
      promotions ? promotions === "opt_in" : null,
    );
    return record.obj;
  });

  router.add("POST", "/_emulator/checkout/sessions/:id/expire", (emu, _p, path) => {
    const record = emu.store.state.sessions[path.id ?? ""];
    if (!record) throw resourceMissing("checkout.session", path.id ?? "");
    if (record.obj.status !== "open")
      throw invalidRequest(`Checkout Session ${record.obj.id} is not open.`);
    expireSession(emu, record, null);
    return record.obj;
  });

  router.add("POST", "/_emulator/charges/:id/dispute", (emu, p, path) => {
    const record = emu.store.state.charges[path.id ?? ""];
    if (!record) throw resourceMissing("charge", path.id ?? "");
    return openDispute(emu, record, p.str("reason") ?? "fraudulent");
  });

  // The card network's decision: `outcome=won` returns the funds, `outcome=lost` keeps them.
  router.add("POST", "/_emulator/disputes/:id/close", (emu, p, path) => {
    const record = emu.store.state.disputes[path.id ?? ""];
    if (!record) throw resourceMissing("dispute", path.id ?? "");
    const outcome = p.oneOf("outcome", ["won", "lost"]);
    if (!outcome) throw invalidRequest("outcome must be won or lost.", "outcome");
    return closeDispute(emu, record, outcome, null);
  });

  router.add("POST", "/_emulator/balance/settle", (emu, p) => {
    const account = p.str("account");
    const owner =
      account === undefined ? undefined : account === "" || account === "platform" ? null : account;
    const moved = releaseFunds(emu, owner, true);
    arrivePayouts(emu, owner, true);
    const payouts: Stripe.Payout[] = [];
    // payout=true also pays the whole available balance out, as an automatic payout would.
    if (p.bool("payout")) {
      const owners =
        owner === undefined ? [null, ...Object.keys(emu.store.state.accounts)] : [owner];
      for (const o of owners) {
        for (const entry of computeBalance(emu, o, "usd").available) {
          if (entry.amount <= 0) continue;
          const payout = createPayout(
            emu,
            {
              owner: o,
              amount: entry.amount,
              currency: entry.currency,
              automatic: true,
              description: "STRIPE PAYOUT",
              metadata: {},
              statementDescriptor: null,
            },
            null,
          );
          payouts.push(payout);
        }
      }
      arrivePayouts(emu, owner, true);
    }
    return { settled: moved, payouts: payouts.map((po) => po.id) };
  });

  router.add("POST", "/_emulator/clock/advance", (emu, p) => {
    const seconds = p.reqInt("seconds");
    if (seconds < 0)
      throw invalidRequest("seconds must be positive: the clock only moves forward.", "seconds");
    emu.store.state.clockOffset += seconds;
    emu.store.markDirty();
    sweep(emu);
    return { now: emu.now(), offset: emu.store.state.clockOffset };
  });

  // Moves one subscription's own time to the end of its current period, so its renewal (or
  // its cancellation at period end) happens now, as a test clock would: the emulator's clock
  // does not move, so nothing else (other sessions, links, funds) is affected.
  router.add("POST", "/_emulator/subscriptions/:id/advance", (emu, _p, path) => {
    const record = emu.store.state.subscriptions[path.id ?? ""];
    if (!record) throw resourceMissing("subscription", path.id ?? "");
    const own = emu.now() + (record.timeOffset ?? 0);
    const end = record.obj.items.data[0]?.current_period_end ?? own;
    record.timeOffset = (record.timeOffset ?? 0) + Math.max(0, end - own + 1);
    emu.store.markDirty();
    renewSubscription(emu, record);
    return { now: emu.now() + record.timeOffset, subscription: record.obj };
  });

  router.add("GET", "/_emulator/clock", (emu) => ({
    now: emu.now(),
    offset: emu.store.state.clockOffset,
  }));

  router.add("GET", "/_emulator/deliveries", async (emu, _p, _path, query) => {
    const type = query.get("type");
    const event = query.get("event");
    const account = query.get("account");
    const endpoint = query.get("endpoint");
    const wait = Math.min(Number(query.get("wait") ?? 0) || 0, 30_000);
    const match = (d: DeliveryRecord) =>
      (!type || d.type === type) &&
      (!event || d.event === event) &&
      (!account || d.account === account) &&
      (!endpoint || d.endpoint === endpoint);
    if (wait > 0) await emu.webhooks.waitFor(match, wait);
    const data = emu.store.state.deliveries.filter(match).slice().reverse();
    return { object: "list", data, has_more: false, url: "/_emulator/deliveries" };
  });

  return router;
}

export async function handleControl(
  emu: Emulator,
  router: Router<ControlHandler>,
  method: string,
  path: string,
  body: ParamObject,
  query: URLSearchParams,
): Promise<ControlReply> {
  const match = router.match(method, path);
  if (!match)
    throw new ApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized control request (${method}: ${path}).`,
    });
  const result = await match.route.handler(emu, new Params(body), match.params, query);
  return { status: 200, body: result };
}
