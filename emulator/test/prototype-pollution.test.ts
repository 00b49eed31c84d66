// Hardening: no request can reach Object.prototype through the form parser, whether it comes
// with an API key, to a hosted page (no key needed) or to the control API as JSON.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseBody, parseForm } from "../http/form";
import { ApiError } from "../http/errors";
import { control, lineItem, onboardedAccount, real, setUp, type Harness } from "./harness";

const POLLUTING_KEYS = [
  "metadata[__proto__][polluted]",
  "metadata[constructor][prototype][polluted]",
  "__proto__[polluted]",
  "constructor[prototype][polluted]",
  "line_items[0][__proto__][polluted]",
  "prototype",
];

function polluted(): boolean {
  return (
    (Object.prototype as Record<string, unknown>).polluted !== undefined ||
    ({} as Record<string, unknown>).polluted !== undefined
  );
}

afterEach(() => {
  // Whatever a test did, leave nothing behind for the next.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe("form parser", () => {
  it.each(POLLUTING_KEYS)("refuses %s like an unknown parameter", (key) => {
    let thrown: unknown;
    try {
      parseForm(`${encodeURIComponent(key)}=1`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const body = (thrown as ApiError).toJSON().error;
    expect(body).toMatchObject({
      type: "invalid_request_error",
      code: "parameter_unknown",
      param: key,
    });
    expect((thrown as ApiError).status).toBe(400);
    expect(polluted()).toBe(false);
  });

  it("refuses the keys in JSON bodies too", () => {
    expect(() =>
      parseBody("application/json", '{"metadata":{"__proto__":{"polluted":"1"}}}'),
    ).toThrow(ApiError);
    expect(() => parseBody("application/json", '{"constructor":{"prototype":{"x":1}}}')).toThrow(
      ApiError,
    );
    expect(polluted()).toBe(false);
  });

  it("refuses absurdly deep nesting instead of overflowing the stack", () => {
    const deep = `a${"[b]".repeat(20_000)}=1`;
    expect(() => parseForm(deep)).toThrow(ApiError);
    const json = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
    expect(() => parseBody("application/json", json)).toThrow(ApiError);
  });

  it("builds objects without a prototype, and keeps ordinary keys", () => {
    const parsed = parseForm("metadata[order]=o_1&metadata[toString]=x&a[b][c]=d");
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.getPrototypeOf(parsed.metadata)).toBeNull();
    expect(parsed.metadata).toEqual({ order: "o_1", toString: "x" });
    expect(parsed.a).toEqual({ b: { c: "d" } });
  });
});

describe.skipIf(real)("requests", () => {
  let h: Harness;
  let account: string;
  beforeAll(async () => {
    h = await setUp();
    account = await onboardedAccount(h, "express");
  });
  afterAll(() => h.close());

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${h.emulator?.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  it.each(POLLUTING_KEYS)("the API refuses %s with parameter_unknown", async (key) => {
    const reply = await post(
      "/v1/payment_intents",
      `amount=1000&currency=usd&${encodeURIComponent(key)}=1`,
      { authorization: "Bearer sk_test_emulator" },
    );
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({
      error: { type: "invalid_request_error", code: "parameter_unknown", param: key },
    });
    expect(polluted()).toBe(false);
  });

  it("a hosted checkout page POST without any key cannot pollute", async () => {
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [lineItem(1500)],
        success_url: "http://localhost:3000/ok",
        cancel_url: "http://localhost:3000/cart",
      },
      { stripeAccount: account },
    );
    for (const key of POLLUTING_KEYS) {
      const reply = await post(
        `/c/pay/${session.id}`,
        `email=a%40b.test&card=4242424242424242&${encodeURIComponent(key)}=1`,
      );
      expect(reply.status).toBe(400);
      expect(polluted()).toBe(false);
    }
    // The refused POSTs changed nothing: the session is still open and unpaid.
    const again = await h.stripe.checkout.sessions.retrieve(session.id, undefined, {
      stripeAccount: account,
    });
    expect(again.status).toBe("open");
  });

  it("the OAuth consent and onboarding pages refuse the keys too", async () => {
    for (const path of ["/oauth/authorize", "/connect/onboarding/not-a-token"]) {
      const reply = await post(path, `${encodeURIComponent("metadata[__proto__][polluted]")}=1`);
      expect(reply.status).toBe(400);
      expect(polluted()).toBe(false);
    }
  });

  it("the control API refuses them in JSON bodies", async () => {
    const response = await fetch(`${h.emulator?.url}/_emulator/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"seconds":"0","__proto__":{"polluted":"1"}}',
    });
    expect(response.status).toBe(400);
    expect(polluted()).toBe(false);
    expect((await control(h, "GET", "/clock")).status).toBe(200);
  });
});
