"use server";

import { revalidatePath } from "next/cache";
import {
  changeUserRole,
  countAdmins,
  reinstateShop,
  setShopFeeOverride,
  setUserLocked,
  suspendShop,
  updatePlatformSettings,
} from "@/db/queries/admin";
import { findShopStripeAccount } from "@/db/queries/connect";
import { recordAudit } from "@/db/queries/platform";
import { findStripeEvent } from "@/db/queries/stripe-events";
import { findShopById } from "@/db/queries/shops";
import type { SessionUser } from "@/db/queries/users";
import { z } from "zod";
import { adminAction, recordId, redirectTo } from "@/lib/action-pipeline";
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { AppError } from "@/lib/errors";
import { syncShopAccount } from "@/lib/stripe/connect";
import { replayStoredEvent } from "@/lib/stripe/webhooks";
import { requeueEmail } from "@/lib/email/outbox";
import { expireOpenCheckouts } from "@/lib/orders/finalise";
import {
  emailIdSchema,
  eventIdSchema,
  feeOverrideSchema,
  platformSettingsSchema,
  suspendSchema,
} from "@/lib/admin/validation";

const SHOP_GONE = "That shop no longer exists.";
const USER_GONE = "That user could not be found.";
const EVENT_GONE = "That event could not be found.";
const shopRef = z.object({ shopId: recordId("That shop could not be found.") });
const userRef = z.object({ userId: recordId(USER_GONE) });
const eventRef = z.object({
  eventId: recordId(EVENT_GONE, (v) => eventIdSchema.safeParse({ eventId: v }).success),
});

function actorOf(user: { id: string; email: string }) {
  return { id: user.id, email: user.email };
}

export const updatePlatformSettingsAction = adminAction(
  { schema: platformSettingsSchema },
  async function updatePlatformSettingsAction({ user, input: v, values }) {
    await updatePlatformSettings(actorOf(user), {
      feePercentBps: v.feePercent,
      feeFixed: v.feeFixed,
      feeMin: v.feeMin,
      feeMax: v.feeMax,
      feeRefundPolicy: v.feeRefundPolicy,
      checkoutMode: v.checkoutMode,
    });
    revalidatePath("/admin", "layout");
    return {
      status: "success",
      message: "Settings saved. They apply to new checkouts from now on.",
      values,
    };
  },
);

export const setShopFeeOverrideAction = adminAction(
  { schema: feeOverrideSchema },
  async function setShopFeeOverrideAction({ user, input: v, values }) {
    const ok = await setShopFeeOverride(actorOf(user), v.shopId, {
      feePercentBps: v.feePercent,
      feeFixed: v.feeFixed,
      feeMin: v.feeMin,
      feeMax: v.feeMax,
    });
    if (!ok) throw AppError.notFound(SHOP_GONE);
    revalidatePath("/admin", "layout");
    const cleared = [v.feePercent, v.feeFixed, v.feeMin, v.feeMax].every((x) => x === null);
    return {
      status: "success",
      message: cleared
        ? "Override removed: the shop uses the platform default."
        : "Fee override saved for new checkouts.",
      values,
    };
  },
);

export const suspendShopAction = adminAction(
  { schema: suspendSchema },
  async function suspendShopAction({ user, input }) {
    const ok = await suspendShop(actorOf(user), input.shopId, input.reason);
    if (!ok) throw AppError.notFound(SHOP_GONE);
    // Committed: no new checkout can start. Close the open ones on Stripe and free their stock.
    const closed = await expireOpenCheckouts(input.shopId, "action");
    // The storefront shows the notice and hides buy buttons right away.
    expireShopStorefronts([input.shopId], "action");
    revalidatePath("/admin", "layout");
    return {
      status: "success",
      message:
        closed.failed.length > 0
          ? `Shop suspended. Its checkout is closed; ${closed.failed.length} open checkout(s) could not be expired on Stripe yet and will lapse on their own.`
          : "Shop suspended. Its checkout is closed.",
    };
  },
);

export const reinstateShopAction = adminAction(
  { schema: shopRef },
  async function reinstateShopAction({ user, input }) {
    const ok = await reinstateShop(actorOf(user), input.shopId);
    if (!ok) throw AppError.notFound(SHOP_GONE);
    expireShopStorefronts([input.shopId], "action");
    revalidatePath("/admin", "layout");
    return { status: "success", message: "Shop reinstated." };
  },
);

/** A change to another user's account: never one's own (refused with `refuseSelf`). */
function userChange(
  run: (admin: SessionUser, userId: string) => Promise<boolean>,
  done: string,
  refuseSelf: string,
) {
  return adminAction({ schema: userRef }, async function userChangeAction({ user, input }) {
    if (input.userId === user.id) throw AppError.conflict(refuseSelf);
    if (!(await run(user, input.userId))) throw AppError.notFound(USER_GONE);
    revalidatePath("/admin/users");
    return { status: "success", message: done };
  });
}

export const promoteUserAction = userChange(
  (a, id) => changeUserRole(actorOf(a), id, "admin"),
  "User promoted to admin.",
  "You are already an admin.",
);

export const demoteUserAction = userChange(
  async (a, id) => {
    if ((await countAdmins()) <= 1) return false;
    return changeUserRole(actorOf(a), id, "merchant");
  },
  "Admin role removed.",
  "You cannot remove your own admin role. Ask another admin.",
);

export const lockUserAction = userChange(
  (a, id) => setUserLocked(actorOf(a), id, true),
  "User locked out. Their sessions stop working now.",
  "You cannot lock yourself out.",
);

export const unlockUserAction = userChange(
  (a, id) => setUserLocked(actorOf(a), id, false),
  "User unlocked.",
  "You cannot unlock yourself.",
);

/** Re-reads the shop's connected account from Stripe and stores it (snapshot + shop status). */
export const resyncShopAccountAction = adminAction(
  { schema: shopRef },
  async function resyncShopAccountAction({ user, input }) {
    const shop = await findShopById(input.shopId);
    if (!shop) throw AppError.notFound(SHOP_GONE);
    const before = await findShopStripeAccount(shop.id);
    const result = await syncShopAccount(shop);
    if (!result.ok) throw AppError.unavailable(result.message);
    const after = await findShopStripeAccount(shop.id);
    const facts = (a: typeof before) =>
      a && {
        accountId: a.accountId,
        chargesEnabled: a.chargesEnabled,
        payoutsEnabled: a.payoutsEnabled,
        currentlyDue: a.currentlyDue,
        disabledReason: a.disabledReason,
      };
    await recordAudit({
      actor: actorOf(user),
      action: "shop.stripe_resynced",
      shopId: shop.id,
      target: { type: "shop", id: shop.id },
      before: { status: shop.connectStatus, account: facts(before) },
      after: { status: result.value, account: facts(after) },
    });
    revalidatePath("/admin", "layout");
    return { status: "success", message: `Re-synced from Stripe: status is now ${result.value}.` };
  },
);

/**
 * Runs a stored Stripe event through its handler again (handlers are idempotent), through the
 * job queue like any delivery, and waits briefly for the worker's outcome. Audited.
 */
export const replayEventAction = adminAction(
  { schema: eventRef },
  async function replayEventAction({ user, input }) {
    const before = await findStripeEvent(input.eventId);
    if (!before) throw AppError.notFound(EVENT_GONE);
    const result = await replayStoredEvent(before.id);
    const after = await findStripeEvent(before.id);
    await recordAudit({
      actor: actorOf(user),
      action: "stripe_event.replayed",
      target: { type: "stripe_event", id: before.id },
      before: { outcome: before.outcome, error: before.error },
      after: { outcome: after?.outcome ?? result.outcome, error: after?.error ?? null },
    });
    revalidatePath("/admin", "layout");
    if (result.outcome === "queued") {
      return {
        status: "success",
        message: "Replay queued: no worker has picked it up yet. Is `npm run worker` running?",
      };
    }
    if (result.outcome === "failed") {
      throw AppError.conflict(
        `Replayed: the handler failed again — ${result.error ?? "see the error"}.`,
      );
    }
    return { status: "success", message: `Replayed: ${after?.outcome ?? result.outcome}.` };
  },
);

/** Sends an undeliverable (dead-lettered) e-mail again: back in the queue with a fresh job. Audited. */
export const retryEmailAction = adminAction(
  { schema: emailIdSchema },
  async function retryEmailAction({ user, input }) {
    const requeued = await requeueEmail(input.emailId);
    if (!requeued) throw AppError.conflict("That e-mail is not waiting for a retry any more.");
    await recordAudit({
      actor: actorOf(user),
      action: "email.retried",
      target: { type: "email", id: input.emailId },
    });
    revalidatePath("/admin/emails", "layout");
    // The message leaves the undeliverable list at once, and its row with it: the notice is
    // shown by the page.
    return redirectTo("/admin/emails?notice=retried");
  },
);
