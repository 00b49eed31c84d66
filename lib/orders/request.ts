import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { stripeSettings } from "@/lib/stripe/client";
import type { CheckoutMode } from "@/db/queries/orders-checkout";

/**
 * The origin the shopper is on (platform host or a shop subdomain), for Stripe's return URLs.
 * Only hosts under the app's own host or ROOT_DOMAIN are trusted; anything else falls back to
 * APP_URL, so a forged Host header cannot send shoppers elsewhere.
 */
export async function shopperOrigin() {
  const e = env();
  const app = new URL(e.APP_URL);
  const h = await headers();
  const host = (h.get("x-forwarded-host") ?? h.get("host") ?? "").toLowerCase();
  const appHost = app.host.toLowerCase();
  const root = e.ROOT_DOMAIN?.toLowerCase();
  const trusted =
    host === appHost ||
    host.endsWith(`.${appHost}`) ||
    (root !== undefined && (host === root || host.endsWith(`.${root}`)));
  return trusted ? `${app.protocol}//${host}` : app.origin;
}

/** Test hook, honoured with the local emulator only: a per-browser checkout mode. */
export const CHECKOUT_MODE_COOKIE = "bazaar_checkout_mode";

export async function checkoutModeOverride(): Promise<CheckoutMode | null> {
  if (stripeSettings().mode !== "emulator") return null;
  const value = (await cookies()).get(CHECKOUT_MODE_COOKIE)?.value;
  return value === "hosted" || value === "embedded" ? value : null;
}
