"use server";

import { z } from "zod";
import { findShopStripeAccount } from "@/db/queries/connect";
import { recordAudit } from "@/db/queries/platform";
import { redirectTo, shopAction } from "@/lib/action-pipeline";
import { AppError } from "@/lib/errors";
import {
  createExpressAccount,
  createOnboardingLink,
  disconnectShopAccount,
  paymentsPath,
  startOAuthConnect,
  syncShopAccount,
} from "@/lib/stripe/connect";

const permission = "payments.manage";
const noFields = z.object({});

/** Stripe's answer as a value: a failure is shown, with nothing changed on our side. */
function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw AppError.unavailable(result.message);
  return result.value;
}

/** Connect an existing Stripe account: off to Stripe's OAuth consent page. */
export const connectStandardAction = shopAction(
  { schema: noFields, permission },
  async function connectStandardAction({ shop, user }) {
    return redirectTo(unwrap(await startOAuthConnect(shop, user)));
  },
);

/** Create a new Express-style account, then straight into hosted onboarding. */
export const createExpressAction = shopAction(
  { schema: noFields, permission },
  async function createExpressAction({ shop, user }) {
    const accountId = unwrap(await createExpressAccount(shop, user));
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: "shop.stripe_connected",
      shopId: shop.id,
      target: { type: "stripe_account", id: accountId },
      before: { status: shop.connectStatus },
      after: { accountId, type: "express" },
    });
    return redirectTo(unwrap(await createOnboardingLink(shop)));
  },
);

/** A fresh onboarding link for an account that still has details due. */
export const finishOnboardingAction = shopAction(
  { schema: noFields, permission },
  async function finishOnboardingAction({ shop }) {
    return redirectTo(unwrap(await createOnboardingLink(shop)));
  },
);

export const refreshStatusAction = shopAction(
  { schema: noFields, permission },
  async function refreshStatusAction({ shop }) {
    unwrap(await syncShopAccount(shop));
    return redirectTo(`${paymentsPath(shop.slug)}?notice=refreshed`);
  },
);

export const disconnectAction = shopAction(
  {
    schema: z.object({
      confirm: z.literal("yes", { error: "Tick the box to confirm you want to disconnect." }),
    }),
    permission: "payments.disconnect",
  },
  async function disconnectAction({ shop, user }) {
    const account = await findShopStripeAccount(shop.id);
    const result = unwrap(await disconnectShopAccount(shop));
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: "shop.stripe_disconnected",
      shopId: shop.id,
      target: { type: "stripe_account", id: account?.accountId ?? "none" },
      before: {
        status: shop.connectStatus,
        accountId: account?.accountId ?? null,
        type: account?.type ?? null,
      },
      after: { status: result === "unlinked" ? "not_connected" : "disconnected", result },
    });
    return redirectTo(`${paymentsPath(shop.slug)}?notice=${result}`);
  },
);
