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
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { syncShopAccount } from "@/lib/stripe/connect";
import { replayStoredEvent } from "@/lib/stripe/webhooks";
import { requeueEmail } from "@/lib/email/outbox";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { loadAdminForAction } from "@/lib/auth/session";
import { expireOpenCheckouts } from "@/lib/orders/finalise";
import {
  emailIdSchema,
  eventIdSchema,
  feeOverrideSchema,
  platformSettingsSchema,
  shopIdSchema,
  suspendSchema,
  userActionSchema,
} from "@/lib/admin/validation";

const NOT_ALLOWED = "Only platform admins can do this. Sign in with an admin account.";

function actorOf(user: { id: string; email: string }) {
  return { id: user.id, email: user.email };
}

export const updatePlatformSettingsAction = formAction(async function updatePlatformSettingsAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  const raw = formObject(formData);
  if (!admin) return errorState(NOT_ALLOWED, {}, raw);
  const parsed = platformSettingsSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), raw);
  const v = parsed.data;
  await updatePlatformSettings(actorOf(admin), {
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
    values: raw,
  };
});

export const setShopFeeOverrideAction = formAction(async function setShopFeeOverrideAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  const raw = formObject(formData);
  if (!admin) return errorState(NOT_ALLOWED, {}, raw);
  const parsed = feeOverrideSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), raw);
  const v = parsed.data;
  const ok = await setShopFeeOverride(actorOf(admin), v.shopId, {
    feePercentBps: v.feePercent,
    feeFixed: v.feeFixed,
    feeMin: v.feeMin,
    feeMax: v.feeMax,
  });
  if (!ok) return errorState("That shop no longer exists.", {}, raw);
  revalidatePath("/admin", "layout");
  const cleared = [v.feePercent, v.feeFixed, v.feeMin, v.feeMax].every((x) => x === null);
  return {
    status: "success",
    message: cleared
      ? "Override removed: the shop uses the platform default."
      : "Fee override saved for new checkouts.",
    values: raw,
  };
});

export const suspendShopAction = formAction(async function suspendShopAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  const raw = formObject(formData);
  if (!admin) return errorState(NOT_ALLOWED, {}, raw);
  const parsed = suspendSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), raw);
  const ok = await suspendShop(actorOf(admin), parsed.data.shopId, parsed.data.reason);
  if (!ok) return errorState("That shop no longer exists.", {}, raw);
  // Committed: no new checkout can start. Close the open ones on Stripe and free their stock.
  const closed = await expireOpenCheckouts(parsed.data.shopId, "action");
  // The storefront shows the notice and hides buy buttons right away.
  expireShopStorefronts([parsed.data.shopId], "action");
  revalidatePath("/admin", "layout");
  return {
    status: "success",
    message:
      closed.failed.length > 0
        ? `Shop suspended. Its checkout is closed; ${closed.failed.length} open checkout(s) could not be expired on Stripe yet and will lapse on their own.`
        : "Shop suspended. Its checkout is closed.",
  };
});

export const reinstateShopAction = formAction(async function reinstateShopAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  if (!admin) return errorState(NOT_ALLOWED);
  const parsed = shopIdSchema.safeParse({ shopId: formData.get("shopId") });
  if (!parsed.success) return errorState("That shop could not be found.");
  const ok = await reinstateShop(actorOf(admin), parsed.data.shopId);
  if (!ok) return errorState("That shop no longer exists.");
  expireShopStorefronts([parsed.data.shopId], "action");
  revalidatePath("/admin", "layout");
  return { status: "success", message: "Shop reinstated." };
});

async function userAction(
  formData: FormData,
  run: (actor: { id: string; email: string }, userId: string) => Promise<boolean>,
  done: string,
  opts: { refuseSelf: string },
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  if (!admin) return errorState(NOT_ALLOWED);
  const parsed = userActionSchema.safeParse({ userId: formData.get("userId") });
  if (!parsed.success) return errorState("That user could not be found.");
  if (parsed.data.userId === admin.id) return errorState(opts.refuseSelf);
  const ok = await run(actorOf(admin), parsed.data.userId);
  if (!ok) return errorState("That user could not be found.");
  revalidatePath("/admin/users");
  return { status: "success", message: done };
}

export const promoteUserAction = formAction(async function promoteUserAction(
  _prev: ActionState,
  formData: FormData,
) {
  return userAction(
    formData,
    (a, id) => changeUserRole(a, id, "admin"),
    "User promoted to admin.",
    {
      refuseSelf: "You are already an admin.",
    },
  );
});

export const demoteUserAction = formAction(async function demoteUserAction(
  _prev: ActionState,
  formData: FormData,
) {
  return userAction(
    formData,
    async (a, id) => {
      if ((await countAdmins()) <= 1) return false;
      return changeUserRole(a, id, "merchant");
    },
    "Admin role removed.",
    { refuseSelf: "You cannot remove your own admin role. Ask another admin." },
  );
});

export const lockUserAction = formAction(async function lockUserAction(
  _prev: ActionState,
  formData: FormData,
) {
  return userAction(
    formData,
    (a, id) => setUserLocked(a, id, true),
    "User locked out. Their sessions stop working now.",
    {
      refuseSelf: "You cannot lock yourself out.",
    },
  );
});

export const unlockUserAction = formAction(async function unlockUserAction(
  _prev: ActionState,
  formData: FormData,
) {
  return userAction(formData, (a, id) => setUserLocked(a, id, false), "User unlocked.", {
    refuseSelf: "You cannot unlock yourself.",
  });
});

/** Re-reads the shop's connected account from Stripe and stores it (snapshot + shop status). */
export const resyncShopAccountAction = formAction(async function resyncShopAccountAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  if (!admin) return errorState(NOT_ALLOWED);
  const parsed = shopIdSchema.safeParse({ shopId: formData.get("shopId") });
  if (!parsed.success) return errorState("That shop could not be found.");
  const shop = await findShopById(parsed.data.shopId);
  if (!shop) return errorState("That shop no longer exists.");
  const before = await findShopStripeAccount(shop.id);
  const result = await syncShopAccount(shop);
  if (!result.ok) return errorState(result.message);
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
    actor: actorOf(admin),
    action: "shop.stripe_resynced",
    shopId: shop.id,
    target: { type: "shop", id: shop.id },
    before: { status: shop.connectStatus, account: facts(before) },
    after: { status: result.value, account: facts(after) },
  });
  revalidatePath("/admin", "layout");
  return { status: "success", message: `Re-synced from Stripe: status is now ${result.value}.` };
});

/**
 * Runs a stored Stripe event through its handler again (handlers are idempotent), through the
 * job queue like any delivery, and waits briefly for the worker's outcome. Audited.
 */
export const replayEventAction = formAction(async function replayEventAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  if (!admin) return errorState(NOT_ALLOWED);
  const parsed = eventIdSchema.safeParse({ eventId: formData.get("eventId") });
  if (!parsed.success) return errorState("That event could not be found.");
  const before = await findStripeEvent(parsed.data.eventId);
  if (!before) return errorState("That event could not be found.");
  const result = await replayStoredEvent(before.id);
  const after = await findStripeEvent(before.id);
  await recordAudit({
    actor: actorOf(admin),
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
    return errorState(`Replayed: the handler failed again — ${result.error ?? "see the error"}.`);
  }
  return { status: "success", message: `Replayed: ${after?.outcome ?? result.outcome}.` };
});

/** Sends an undeliverable (dead-lettered) e-mail again: back in the queue with a fresh job. Audited. */
export const retryEmailAction = formAction(async function retryEmailAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const admin = await loadAdminForAction();
  if (!admin) return errorState(NOT_ALLOWED);
  const parsed = emailIdSchema.safeParse({ emailId: formData.get("emailId") });
  if (!parsed.success) return errorState("That e-mail could not be found.");
  const requeued = await requeueEmail(parsed.data.emailId);
  if (!requeued) return errorState("That e-mail is not waiting for a retry any more.");
  await recordAudit({
    actor: actorOf(admin),
    action: "email.retried",
    target: { type: "email", id: parsed.data.emailId },
  });
  revalidatePath("/admin/emails", "layout");
  return { status: "success", message: "Queued again: the worker sends it in a moment." };
});
