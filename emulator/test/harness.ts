// Shared set-up for the contract suite. By default it starts an emulator in-process; with
// STRIPE_CONTRACT_SECRET_KEY (and STRIPE_CONTRACT_ACCOUNT_ID, an onboarded connected account)
// the same tests run against real Stripe test mode, skipping what needs the control API.

import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "../server";
import { checkEvent, conformingHttpClient } from "./conformance";

export const REAL_KEY = process.env.STRIPE_CONTRACT_SECRET_KEY ?? "";
export const REAL_ACCOUNT = process.env.STRIPE_CONTRACT_ACCOUNT_ID ?? "";
/** True when running against real Stripe: control-API tests are skipped. */
export const real = REAL_KEY.startsWith("sk_test_");
if (REAL_KEY && !real)
  throw new Error("STRIPE_CONTRACT_SECRET_KEY must be a test-mode key (sk_test_…).");

export interface Harness {
  stripe: Stripe;
  emulator: RunningEmulator | null;
  close(): Promise<void>;
}

export async function setUp(options: Parameters<typeof startEmulator>[0] = {}): Promise<Harness> {
  if (real)
    return {
      stripe: new Stripe(REAL_KEY, { maxNetworkRetries: 0, httpClient: conformingHttpClient() }),
      emulator: null,
      close: async () => undefined,
    };
  const emulator = await startEmulator({
    port: 0,
    webhookRetry: { delaysMs: [50, 100, 200], timeoutMs: 2000 },
    ...options,
  });
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
    maxNetworkRetries: 0,
    httpClient: conformingHttpClient(),
  });
  return { stripe, emulator, close: () => emulator.close() };
}

/** Calls the emulator's control API (there is no Stripe API for these actions). */
export async function control<T = Record<string, unknown>>(
  h: Harness,
  method: "GET" | "POST",
  path: string,
  body: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  if (!h.emulator) throw new Error("control API is emulator-only");
  const response = await fetch(`${h.emulator.url}/_emulator${path}`, {
    method,
    headers: method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {},
    body: method === "POST" ? new URLSearchParams(body).toString() : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

export type AccountKind = "express" | "standard";

/** An onboarded connected account: created and onboarded in the emulator, or the given one in real mode. */
export async function onboardedAccount(h: Harness, kind: AccountKind = "express"): Promise<string> {
  if (real) return REAL_ACCOUNT;
  const account = await h.stripe.accounts.create(
    kind === "express"
      ? {
          controller: {
            stripe_dashboard: { type: "express" },
            fees: { payer: "application" },
            losses: { payments: "application" },
            requirement_collection: "stripe",
          },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          country: "US",
          email: "merchant@example.com",
          business_profile: { name: "Test Shop" },
        }
      : {
          controller: {
            stripe_dashboard: { type: "full" },
            fees: { payer: "account" },
            losses: { payments: "stripe" },
            requirement_collection: "stripe",
          },
          country: "US",
          email: "standard@example.com",
        },
  );
  await control(h, "POST", `/accounts/${account.id}/onboard`);
  return account.id;
}

export const lineItem = (
  unitAmount: number,
  quantity = 1,
  currency = "usd",
): Stripe.Checkout.SessionCreateParams.LineItem => ({
  price_data: { currency, unit_amount: unitAmount, product_data: { name: "Ceramic mug" } },
  quantity,
});

/** Expects the promise to reject with a Stripe error; returns it for further checks. */
export async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected a Stripe error, but the call succeeded");
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A tiny webhook receiver; `failFirst` makes the first N requests per event answer 500. */
export class Receiver {
  received: Received[] = [];
  attempts = new Map<string, number>();
  failFirst = 0;
  private server: Server;
  private waiters: Array<() => void> = [];

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const id = (JSON.parse(body) as { id: string }).id;
        const n = (this.attempts.get(id) ?? 0) + 1;
        this.attempts.set(id, n);
        if (n <= this.failFirst) {
          res.writeHead(500).end("not yet");
        } else {
          checkEvent(JSON.parse(body));
          this.received.push({ headers: req.headers, body, path: req.url ?? "/" });
          res.writeHead(200).end("ok");
        }
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits until an event matching `predicate` was received (2xx answered). */
  async waitFor(
    predicate: (event: Stripe.Event, r: Received) => boolean,
    ms = 5000,
  ): Promise<{ event: Stripe.Event; received: Received }> {
    const deadline = Date.now() + ms;
    for (;;) {
      for (const r of this.received) {
        const event = JSON.parse(r.body) as Stripe.Event;
        if (predicate(event, r)) return { event, received: r };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a webhook");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
