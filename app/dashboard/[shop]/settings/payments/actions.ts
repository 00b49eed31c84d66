"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { findShopStripeAccount } from "@/db/queries/connect";
import { recordAudit } from "@/db/queries/platform";
import { errorState, formObject, type ActionState, formAction } from "@/lib/actions";
import { loadShopForAction } from "@/lib/auth/session";
import {
  createExpressAccount,
  createOnboardingLink,
  disconnectShopAccount,
  paymentsPath,
  startOAuthConnect,
  syncShopAccount,
} from "@/lib/stripe/connect";

const shopInput = z.object({
  shop: z.string().regex(/^[a-z0-9-]{1,64}$/, "Unknown shop."),
});

const NO_ACCESS =
  "You cannot change the payment settings of this shop. Sign in as one of its members.";

/** Validates the form and loads the shop with the caller's membership (null → no access). */
async function shopFromForm(formData: FormData) {
  const parsed = shopInput.safeParse(formObject(formData));
  if (!parsed.success) return null;
  return loadShopForAction(parsed.data.shop);
}

/** Connect an existing Stripe account: off to Stripe's OAuth consent page. */
export const connectStandardAction = formAction(async function connectStandardAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await shopFromForm(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const result = await startOAuthConnect(ctx.shop, ctx.user);
  if (!result.ok) return errorState(result.message);
  redirect(result.value);
});

/** Create a new Express-style account, then straight into hosted onboarding. */
export const createExpressAction = formAction(async function createExpressAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await shopFromForm(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const created = await createExpressAccount(ctx.shop, ctx.user);
  if (!created.ok) return errorState(created.message);
  await recordAudit({
    actor: { id: ctx.user.id, email: ctx.user.email },
    action: "shop.stripe_connected",
    shopId: ctx.shop.id,
    target: { type: "stripe_account", id: created.value },
    before: { status: ctx.shop.connectStatus },
    after: { accountId: created.value, type: "express" },
  });
  const link = await createOnboardingLink(ctx.shop);
  if (!link.ok) return errorState(link.message);
  redirect(link.value);
});

/** A fresh onboarding link for an account that still has details due. */
export const finishOnboardingAction = formAction(async function finishOnboardingAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await shopFromForm(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const link = await createOnboardingLink(ctx.shop);
  if (!link.ok) return errorState(link.message);
  redirect(link.value);
});

export const refreshStatusAction = formAction(async function refreshStatusAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await shopFromForm(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const result = await syncShopAccount(ctx.shop);
  if (!result.ok) return errorState(result.message);
  redirect(`${paymentsPath(ctx.shop.slug)}?notice=refreshed`);
});

const disconnectInput = shopInput.extend({
  confirm: z.literal("yes", { error: "Tick the box to confirm you want to disconnect." }),
});

export const disconnectAction = formAction(async function disconnectAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const parsed = disconnectInput.safeParse(raw);
  if (!parsed.success) {
    const ctx = await shopFromForm(formData);
    if (!ctx) return errorState(NO_ACCESS);
    return errorState(undefined, {
      confirm: "Tick the box to confirm you want to disconnect.",
    });
  }
  const ctx = await loadShopForAction(parsed.data.shop);
  if (!ctx) return errorState(NO_ACCESS);
  const account = await findShopStripeAccount(ctx.shop.id);
  const result = await disconnectShopAccount(ctx.shop);
  if (!result.ok) return errorState(result.message);
  await recordAudit({
    actor: { id: ctx.user.id, email: ctx.user.email },
    action: "shop.stripe_disconnected",
    shopId: ctx.shop.id,
    target: { type: "stripe_account", id: account?.accountId ?? "none" },
    before: {
      status: ctx.shop.connectStatus,
      accountId: account?.accountId ?? null,
      type: account?.type ?? null,
    },
    after: {
      status: result.value === "unlinked" ? "not_connected" : "disconnected",
      result: result.value,
    },
  });
  redirect(`${paymentsPath(ctx.shop.slug)}?notice=${result.value}`);
});
