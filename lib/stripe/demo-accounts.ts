import "server-only";
import Stripe from "stripe";
import { attachAccount, findShopStripeAccount } from "@/db/queries/connect";
import { toAccountSnapshot } from "./account";
import { getStripe, stripeSettings } from "./client";

/**
 * Demo seeding of connected accounts, in the local emulator only: creates the account through
 * the SDK (idempotency key per shop), finishes onboarding through the emulator's control API and
 * attaches it to the shop. Idempotent: a shop whose account still exists is left alone.
 */

export type DemoAccountKind = "express" | "standard";

export type DemoAccountResult =
  { status: "created" | "kept"; accountId: string } | { status: "skipped"; reason: string };

function emulatorBase() {
  const s = stripeSettings();
  if (s.mode !== "emulator" || !s.api) return null;
  return `${s.api.protocol}://${s.api.host}:${s.api.port}`;
}

export async function emulatorIsRunning(): Promise<boolean> {
  const base = emulatorBase();
  if (!base) return false;
  try {
    const response = await fetch(`${base}/js/stripe.js`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function stillExists(accountId: string) {
  try {
    await getStripe().accounts.retrieve(accountId);
    return true;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return false;
    throw error;
  }
}

export async function ensureDemoAccount(
  shop: { id: string; slug: string; name: string; country: string },
  kind: DemoAccountKind,
  email: string,
): Promise<DemoAccountResult> {
  const base = emulatorBase();
  if (!base) return { status: "skipped", reason: "real Stripe is configured" };
  if (!(await emulatorIsRunning()))
    return { status: "skipped", reason: "the emulator is not running" };

  const existing = await findShopStripeAccount(shop.id);
  // A merchant's own disconnect is kept; an account the emulator forgot (state wiped) is recreated.
  if (existing?.accountId && (existing.disconnectedAt || (await stillExists(existing.accountId)))) {
    return { status: "kept", accountId: existing.accountId };
  }

  const stripe = getStripe();
  const account = await stripe.accounts.create(
    kind === "express"
      ? {
          controller: {
            stripe_dashboard: { type: "express" },
            fees: { payer: "application" },
            losses: { payments: "application" },
            requirement_collection: "stripe",
          },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          country: shop.country,
          email,
          business_profile: { name: shop.name },
          metadata: { bazaar_shop_id: shop.id, bazaar_shop_slug: shop.slug },
        }
      : {
          controller: {
            stripe_dashboard: { type: "full" },
            fees: { payer: "account" },
            losses: { payments: "stripe" },
            requirement_collection: "stripe",
          },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          country: shop.country,
          email,
          business_profile: { name: shop.name },
          metadata: { bazaar_shop_id: shop.id, bazaar_shop_slug: shop.slug },
        },
    { idempotencyKey: `demo-seed:${shop.slug}:${kind}` },
  );
  const onboard = await fetch(`${base}/_emulator/accounts/${account.id}/onboard`, {
    method: "POST",
  });
  if (!onboard.ok) throw new Error(`emulator refused to onboard ${account.id}: ${onboard.status}`);
  const fresh = await stripe.accounts.retrieve(account.id);
  await attachAccount(shop.id, toAccountSnapshot(fresh), new Date());
  return { status: "created", accountId: account.id };
}
