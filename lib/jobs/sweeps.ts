import "server-only";
import { log } from "@/lib/log";
import type Stripe from "stripe";
import {
  connectedAccountIds,
  pruneOldRows,
  shopsWithConnectDeadlineBefore,
} from "@/db/queries/maintenance";
import { findShopOwnerEmail } from "@/db/queries/orders";
import {
  knownStripeEventIds,
  newestStripeEventCreated,
  storeStripeEvent,
} from "@/db/queries/stripe-events";
import { queueEmail } from "@/lib/email/outbox";
import { connectDeadlineEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { releaseOverdueCheckoutsOfAllShops } from "@/lib/orders/finalise";
import { getStripe } from "@/lib/stripe/client";
import { handlerFor } from "@/lib/stripe/webhooks/registry";

export { pruneOldRows };

/** Every few minutes: expire overdue pending checkouts on Stripe and give their stock back. */
export async function expireOverdueCheckouts(now = new Date()) {
  return releaseOverdueCheckoutsOfAllShops(now);
}

/** Events older than this are not looked for (Stripe keeps 30 days; a sweep runs every 5 min). */
const RECONCILE_LOOKBACK_SECONDS = 3 * 24 * 60 * 60;
/** Overlap with the newest event we hold: events are not always delivered in `created` order. */
const RECONCILE_OVERLAP_SECONDS = 15 * 60;
const RECONCILE_MAX_EVENTS_PER_ACCOUNT = 1000;

/**
 * The reconciliation sweep: lists recent events from Stripe (the platform's and each connected
 * account's, `created` after the newest one we hold, with an overlap) and stores any that never
 * arrived as a webhook — with their processing job, exactly as a delivery would. Only types we
 * handle are taken. Returns how many events were found missing, per account.
 */
export async function reconcileStripeEvents(now = new Date()) {
  const stripe = getStripe();
  const nowSec = Math.floor(now.getTime() / 1000);
  const recovered: Record<string, number> = {};
  const failures: string[] = [];
  const accounts: (string | null)[] = [null, ...(await connectedAccountIds())];
  for (const account of accounts) {
    try {
      const newest = await newestStripeEventCreated(account);
      const since = Math.max(
        nowSec - RECONCILE_LOOKBACK_SECONDS,
        newest ? Math.floor(newest.getTime() / 1000) - RECONCILE_OVERLAP_SECONDS : nowSec - 86400,
      );
      const seen: Stripe.Event[] = [];
      const list = stripe.events.list(
        { created: { gte: since }, limit: 100 },
        account ? { stripeAccount: account } : undefined,
      );
      for await (const event of list) {
        if (handlerFor(event.type)) seen.push(event);
        if (seen.length >= RECONCILE_MAX_EVENTS_PER_ACCOUNT) break;
      }
      const known = await knownStripeEventIds(seen.map((e) => e.id));
      let count = 0;
      for (const event of seen) {
        if (known.has(event.id)) continue;
        const { inserted } = await storeStripeEvent({
          id: event.id,
          type: event.type,
          source: account ? "connect" : "platform",
          account: account ?? event.account ?? null,
          livemode: event.livemode,
          payload: account && !event.account ? { ...event, account } : event,
          created: new Date(event.created * 1000),
          receivedVia: "reconciliation",
        });
        if (inserted) count++;
      }
      if (count) recovered[account ?? "platform"] = count;
    } catch (error) {
      failures.push(account ?? "platform");
      log().error(
        { err: error, account: account ?? "platform" },
        "[reconcile] listing events failed",
      );
    }
  }
  return { recovered, failures };
}

/** Reminders go out this long before Stripe's deadline. */
export const CONNECT_REMINDER_DAYS = 7;

/**
 * Hourly: e-mails the owner of each shop whose Stripe account has requirements due within a
 * week, once per deadline (the dedupe key names shop and deadline).
 */
export async function remindConnectDeadlines(now = new Date()) {
  const until = new Date(now.getTime() + CONNECT_REMINDER_DAYS * 24 * 60 * 60 * 1000);
  let sent = 0;
  for (const shop of await shopsWithConnectDeadlineBefore(now, until)) {
    const owner = await findShopOwnerEmail(shop.shopId);
    if (!owner || !shop.deadline) continue;
    const url = new URL(`/dashboard/${shop.shopSlug}/settings/payments`, env().APP_URL);
    const queued = await queueEmail({
      dedupeKey: `connect_deadline:${shop.shopId}:${shop.deadline.toISOString()}`,
      kind: "connect_deadline",
      to: owner,
      shopId: shop.shopId,
      ...connectDeadlineEmail(
        { shopName: shop.shopName, deadline: shop.deadline, due: shop.currentlyDue },
        url.toString(),
      ),
    });
    if (queued.created) sent++;
  }
  return { sent };
}
