import { describe, expect, it } from "vitest";
import { checkoutIdempotencyKey, checkoutSessionParams, lineItemName } from "./session-params";

const order = {
  id: "3f1c1b9e-0000-4000-8000-000000000001",
  shopId: "3f1c1b9e-0000-4000-8000-0000000000aa",
  currency: "USD",
  applicationFee: 355,
  checkoutMode: "embedded" as const,
  sessionExpiresAt: new Date("2026-11-26T12:31:00Z"),
  cartId: "3f1c1b9e-0000-4000-8000-0000000000cc",
  cartVersion: 4,
};
const items = [
  { productName: "Field Jacket", variantLabel: "M", unitPrice: 12000, quantity: 2 },
  { productName: "Mug", variantLabel: "", unitPrice: 1800, quantity: 1 },
];
const shop = { slug: "kai-coffee", country: "GB" };

describe("checkout session params", () => {
  it("embedded: return_url with the session placeholder, no success/cancel URLs", () => {
    const p = checkoutSessionParams({ order, items, shop, origin: "http://localhost:3000" });
    expect(p.ui_mode).toBe("embedded_page");
    expect(p.return_url).toBe(
      "http://localhost:3000/s/kai-coffee/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    );
    expect(p.success_url).toBeUndefined();
    expect(p.cancel_url).toBeUndefined();
    expect(p.expires_at).toBe(Date.parse("2026-11-26T12:31:00Z") / 1000);
    expect(p.client_reference_id).toBe(order.id);
    expect(p.metadata).toEqual({ order_id: order.id, shop_id: order.shopId });
    expect(p.payment_intent_data?.application_fee_amount).toBe(355);
    expect(p.line_items).toEqual([
      {
        quantity: 2,
        price_data: {
          currency: "usd",
          unit_amount: 12000,
          product_data: { name: "Field Jacket — M" },
        },
      },
      {
        quantity: 1,
        price_data: { currency: "usd", unit_amount: 1800, product_data: { name: "Mug" } },
      },
    ]);
    expect(p.shipping_address_collection?.allowed_countries[0]).toBe("GB");
    expect(new Set(p.shipping_address_collection?.allowed_countries).size).toBe(
      p.shipping_address_collection?.allowed_countries.length,
    );
  });

  it("on the shop's own host the return URL uses the host's own paths", () => {
    const p = checkoutSessionParams({
      order,
      items,
      shop,
      origin: "http://kai-coffee.localhost:3000",
      shopHost: true,
    });
    expect(p.return_url).toBe(
      "http://kai-coffee.localhost:3000/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    );
  });

  it("hosted: success_url and a cancel_url that closes this order's checkout", () => {
    const p = checkoutSessionParams({
      order: { ...order, checkoutMode: "hosted" },
      items,
      shop,
      origin: "https://shops.example.com",
    });
    expect(p.ui_mode).toBe("hosted_page");
    expect(p.success_url).toBe(
      "https://shops.example.com/s/kai-coffee/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    );
    expect(p.cancel_url).toBe(
      `https://shops.example.com/s/kai-coffee/checkout/cancel?order=${order.id}`,
    );
    expect(p.return_url).toBeUndefined();
  });

  it("is deterministic, and the idempotency key follows cart, version, mode, order, expiry and return URL", () => {
    const a = checkoutSessionParams({ order, items, shop, origin: "http://x" });
    const b = checkoutSessionParams({ order, items, shop, origin: "http://x" });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const base = "http://x/s/kai-coffee";
    const key = checkoutIdempotencyKey(order, base);
    expect(checkoutIdempotencyKey(order, base)).toBe(key);
    expect(key).toMatch(
      new RegExp(
        `^checkout:${order.cartId}:v4:embedded:${order.id}:${Date.parse("2026-11-26T12:31:00Z") / 1000}:[0-9a-f]{16}$`,
      ),
    );
    expect(checkoutIdempotencyKey({ ...order, cartVersion: 5 }, base)).not.toBe(key);
    expect(checkoutIdempotencyKey({ ...order, checkoutMode: "hosted" }, base)).not.toBe(key);
    // The return URL's origin and the expiry vary too: each gets its own key.
    expect(checkoutIdempotencyKey(order, "http://kai-coffee.x")).not.toBe(key);
    expect(checkoutIdempotencyKey(order, "https://x/s/kai-coffee")).not.toBe(key);
    const later = new Date(order.sessionExpiresAt.getTime() + 60_000);
    expect(checkoutIdempotencyKey({ ...order, sessionExpiresAt: later }, base)).not.toBe(key);
    expect(key.length).toBeLessThanOrEqual(255);
    expect(lineItemName({ productName: "Tote", variantLabel: "" })).toBe("Tote");
  });
});
