import { STRIPE_EVENT_OUTCOMES, type StripeEventOutcome } from "../../lib/types";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { shops } from "./shops";
import { users } from "./users";

/** Standard: the merchant's own account, connected by OAuth. Express: created by the platform. */
export const connectedAccountType = pgEnum("connected_account_type", ["standard", "express"]);

/**
 * The Stripe account of a shop (one per shop) and the facts about it the dashboard shows.
 * `accountId` is null only while the platform is creating the account (the row reserves the
 * shop's slot and carries the idempotency key, so a double submit cannot create two accounts).
 */
export const stripeAccounts = pgTable(
  "stripe_accounts",
  {
    shopId: uuid("shop_id")
      .primaryKey()
      .references(() => shops.id, { onDelete: "cascade" }),
    accountId: text("account_id"),
    type: connectedAccountType("type").notNull(),
    creationKey: text("creation_key"),
    businessName: text("business_name"),
    email: text("email"),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    detailsSubmitted: boolean("details_submitted").notNull().default(false),
    currentlyDue: jsonb("currently_due").$type<string[]>().notNull().default([]),
    pastDue: jsonb("past_due").$type<string[]>().notNull().default([]),
    eventuallyDue: jsonb("eventually_due").$type<string[]>().notNull().default([]),
    pendingVerification: jsonb("pending_verification").$type<string[]>().notNull().default([]),
    currentDeadline: timestamp("current_deadline", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    feesPayer: text("fees_payer"),
    /** When Stripe created the account. */
    accountCreatedAt: timestamp("account_created_at", { withTimezone: true }),
    /** Newest Stripe time (event `created` or a direct read) the snapshot reflects: older events are ignored. */
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stripe_accounts_account_idx").on(t.accountId)],
);

/** OAuth `state` values: random, single use, bound to a user and a shop, short-lived. */
export const oauthStates = pgTable(
  "oauth_states",
  {
    /** SHA-256 of the state sent to Stripe; the value itself is never stored. */
    stateHash: text("state_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oauth_states_shop_idx").on(t.shopId)],
);

export const stripeEventOutcome = pgEnum("stripe_event_outcome", STRIPE_EVENT_OUTCOMES);
export const stripeEventSource = pgEnum("stripe_event_source", ["platform", "connect"]);

/** Every webhook event, stored once by id; the inbox the admin replays from. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    source: stripeEventSource("source").notNull(),
    account: text("account"),
    livemode: boolean("livemode").notNull(),
    payload: jsonb("payload").notNull(),
    /** The event's own `created` (Stripe's time). */
    created: timestamp("created", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    outcome: stripeEventOutcome("outcome"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** How it reached us: a webhook delivery, or the reconciliation sweep listing Stripe's events. */
    receivedVia: text("received_via").notNull().default("webhook"),
    /** The exclusive lease of the one worker running the handler (see claimStripeEvent). */
    claimToken: text("claim_token"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    /** Which worker (host:pid) recorded the outcome. */
    processedBy: text("processed_by"),
  },
  (t) => [
    index("stripe_events_type_idx").on(t.type),
    index("stripe_events_account_idx").on(t.account),
    index("stripe_events_received_idx").on(t.receivedAt),
  ],
);

export type ConnectedAccountType = (typeof connectedAccountType.enumValues)[number];
export type { StripeEventOutcome };
export type StripeEventSource = (typeof stripeEventSource.enumValues)[number];
