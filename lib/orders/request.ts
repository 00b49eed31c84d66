import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { classifyHost, requestHostHeader } from "@/lib/tenancy";
import { stripeSettings } from "@/lib/stripe/client";
import type { CheckoutMode } from "@/db/queries/orders-checkout";

/**
 * Where the shopper is, for Stripe's return URLs and redirects: the shop's own verified host
 * (`{shop}.<ROOT_DOMAIN>` / `{shop}.localhost`) when the request came to that shop's host, the
 * platform otherwise. Hosts are matched exactly (lib/tenancy classifyHost): a forged Host or
 * X-Forwarded-Host falls back to APP_URL and can never send the shopper to another site.
 */
export async function shopperOrigin(shopSlug: string) {
  const e = env();
  const seen = classifyHost(requestHostHeader(await headers()), {
    appUrl: e.APP_URL,
    rootDomain: e.ROOT_DOMAIN,
  });
  if (seen.kind === "shop" && seen.slug === shopSlug)
    return { origin: seen.origin, shopHost: true };
  return { origin: new URL(e.APP_URL).origin, shopHost: false };
}

/** Test hook, honoured with the local emulator only: a per-browser checkout mode. */
export const CHECKOUT_MODE_COOKIE = "bazaar_checkout_mode";

export async function checkoutModeOverride(): Promise<CheckoutMode | null> {
  if (stripeSettings().mode !== "emulator") return null;
  const value = (await cookies()).get(CHECKOUT_MODE_COOKIE)?.value;
  return value === "hosted" || value === "embedded" ? value : null;
}
