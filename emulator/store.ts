// All emulator state lives in one plain JSON-serialisable object, so persisting it is one
// atomic file write and reloading it is one parse.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type Stripe from "stripe";

export interface Owned<T> {
  /** The connected account the object lives on; null for the platform itself. */
  owner: string | null;
  seq: number;
  obj: T;
}

export interface AccountRecord {
  seq: number;
  obj: Stripe.Account;
  /** Connected to the platform (created by it, or authorised through OAuth). */
  connected: boolean;
  deauthorized: boolean;
  deleted: boolean;
  /** Standard-style account that reached the platform through OAuth. */
  viaOAuth: boolean;
}

/** What a session's amounts are computed from (see pricing.ts). */
export interface SessionPricing {
  /** Each line item's tax behaviour for Stripe Tax (after the account's default). */
  taxBehaviors: ("exclusive" | "inclusive")[];
  automaticTax: boolean;
  /** Shipping rates offered (ids of rates on the session's account), in order. */
  shippingRates: string[];
  /** The selected rate (the first one until the shopper picks another). */
  selectedRate: string | null;
  /** The applied coupon / promotion code (from `discounts` or typed by the shopper). */
  coupon: string | null;
  promotionCode: string | null;
  /** The address tax is computed from, once known. */
  taxAddress: { country: string | null; state: string | null; postal_code: string | null } | null;
}

export interface SessionRecord extends Owned<Stripe.Checkout.Session> {
  lineItems: Stripe.LineItem[];
  /** Absent on sessions persisted before pricing existed: plain sums then. */
  pricing?: SessionPricing;
  /** subscription_data of a `mode=subscription` session. */
  subscriptionData?: {
    applicationFeePercent: number | null;
    trialPeriodDays: number | null;
    description: string | null;
    metadata: Record<string, string>;
  };
  /** Shown on the hosted page after a failed attempt; not part of Stripe's object. */
  lastError: string | null;
  /** The e-mail the shopper typed on the page (kept after expiry only with consent). */
  typedEmail?: string;
  /** Token of the recovery link once an expired session with recovery enabled has one. */
  recoveryToken?: string;
  /** payment_intent_data, applied when the PaymentIntent is created at payment time. */
  paymentIntentData: {
    applicationFeeAmount: number | null;
    captureMethod: "automatic" | "automatic_async" | "manual";
    description: string | null;
    metadata: Record<string, string>;
    receiptEmail: string | null;
    statementDescriptorSuffix: string | null;
    transferGroup?: string | null;
  };
}

export interface SubscriptionRecord extends Owned<Stripe.Subscription> {
  /** The address tax is computed from on each invoice (automatic tax), if any. */
  taxAddress: SessionPricing["taxAddress"];
  automaticTax: boolean;
  /** Tax behaviour per item, in the order of `items`. */
  taxBehaviors: ("exclusive" | "inclusive")[];
  /** The session's coupon, applied to invoices as its duration says. */
  coupon: string | null;
  /** Number of invoices billed so far. */
  invoicesBilled: number;
  /** Seconds this subscription's own time is ahead of the emulator's clock (its advance control). */
  timeOffset?: number;
}

export interface PortalSessionRecord {
  token: string;
  owner: string | null;
  customer: string;
  returnUrl: string | null;
  created: number;
}

export interface LinkRecord {
  token: string;
  account: string;
  type: string;
  refreshUrl: string;
  returnUrl: string;
  created: number;
  expiresAt: number;
  used: boolean;
}

export interface OAuthCodeRecord {
  code: string;
  account: string;
  scope: string;
  created: number;
  expiresAt: number;
  used: boolean;
}

export interface EndpointRecord {
  seq: number;
  /** Account whose own endpoint this is; null for the platform's endpoints. */
  owner: string | null;
  obj: Stripe.WebhookEndpoint;
  secret: string;
  connect: boolean;
  fromEnv: boolean;
}

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: string;
  created: number;
}

export interface DeliveryRecord {
  id: string;
  event: string;
  type: string;
  account: string | null;
  endpoint: string;
  url: string;
  attempt: number;
  status: number | null;
  ok: boolean;
  error: string | null;
  /** Real wall-clock milliseconds. */
  at: number;
}

export interface State {
  version: 1;
  seq: number;
  /** Seconds added to the real clock by /_emulator/clock/advance. */
  clockOffset: number;
  platform: Stripe.Account;
  accounts: Record<string, AccountRecord>;
  sessions: Record<string, SessionRecord>;
  paymentIntents: Record<string, Owned<Stripe.PaymentIntent>>;
  charges: Record<string, Owned<Stripe.Charge>>;
  refunds: Record<string, Owned<Stripe.Refund>>;
  applicationFees: Record<string, Owned<Stripe.ApplicationFee>>;
  balanceTransactions: Record<string, Owned<Stripe.BalanceTransaction>>;
  payouts: Record<string, Owned<Stripe.Payout>>;
  disputes: Record<string, Owned<Stripe.Dispute>>;
  /** Keyed by scopedKey(owner, id): ids may be chosen by the caller, per account. */
  products: Record<string, Owned<Stripe.Product>>;
  shippingRates: Record<string, Owned<Stripe.ShippingRate>>;
  /** Keyed by scopedKey(owner, id): ids may be chosen by the caller, per account. */
  coupons: Record<string, Owned<Stripe.Coupon>>;
  promotionCodes: Record<string, Owned<Stripe.PromotionCode>>;
  /** Stripe Tax settings per account (scopedKey(owner, "")); absent until first read. */
  taxSettings: Record<string, Stripe.Tax.Settings>;
  taxRegistrations: Record<string, Owned<Stripe.Tax.Registration>>;
  customers: Record<string, Owned<Stripe.Customer>>;
  prices: Record<string, Owned<Stripe.Price>>;
  subscriptions: Record<string, SubscriptionRecord>;
  invoices: Record<string, Owned<Stripe.Invoice>>;
  /** Card numbers behind saved PaymentMethods (a customer's card, charged for renewals). */
  savedCards: Record<string, string>;
  portalSessions: Record<string, PortalSessionRecord>;
  transfers: Record<string, Owned<Stripe.Transfer>>;
  events: Record<string, Owned<Stripe.Event>>;
  webhookEndpoints: Record<string, EndpointRecord>;
  accountLinks: Record<string, LinkRecord>;
  oauthCodes: Record<string, OAuthCodeRecord>;
  refreshTokens: Record<string, { account: string; scope: string }>;
  idempotency: Record<string, IdempotencyRecord>;
  deliveries: DeliveryRecord[];
}

export type OwnedCollection =
  | "sessions"
  | "paymentIntents"
  | "charges"
  | "refunds"
  | "applicationFees"
  | "balanceTransactions"
  | "payouts"
  | "disputes"
  | "products"
  | "shippingRates"
  | "coupons"
  | "promotionCodes"
  | "taxRegistrations"
  | "customers"
  | "prices"
  | "subscriptions"
  | "invoices"
  | "transfers"
  | "events";

/** Key of an object whose id is unique only within its account (coupons, products). */
export function scopedKey(owner: string | null, id: string): string {
  return `${owner ?? "platform"}/${id}`;
}

export class Store {
  state: State;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataFile: string | null,
    private readonly initial: () => State,
  ) {
    this.state = this.load() ?? initial();
  }

  private load(): State | null {
    if (!this.dataFile) return null;
    try {
      const parsed = JSON.parse(readFileSync(this.dataFile, "utf8")) as State;
      if (parsed.version !== 1) return null;
      // Collections added later start empty in a data file written before them.
      const fresh = this.initial() as unknown as Record<string, unknown>;
      const target = parsed as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(fresh)) if (!(key in target)) target[key] = value;
      return parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new Error(
        `Cannot read emulator data file ${this.dataFile}: ${(error as Error).message}`,
      );
    }
  }

  nextSeq(): number {
    this.state.seq += 1;
    return this.state.seq;
  }

  reset(): void {
    this.state = this.initial();
    this.markDirty();
  }

  /** Coalesces writes: many changes within a few milliseconds become one file write. */
  markDirty(): void {
    if (!this.dataFile) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, 10);
  }

  /** Write to a temporary file then rename over the old one, so a crash never leaves half a file. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.dataFile || !this.dirty) return;
    this.dirty = false;
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.dataFile);
  }

  /** Newest first, as every Stripe list is. */
  list<T>(
    collection: Record<string, Owned<T>>,
    owner: string | null,
    filter?: (obj: T) => boolean,
  ): T[] {
    return Object.values(collection)
      .filter((r) => r.owner === owner && (!filter || filter(r.obj)))
      .sort((a, b) => b.seq - a.seq)
      .map((r) => r.obj);
  }
}
