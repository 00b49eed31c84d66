import "server-only";
import { stripeSettings } from "./client";

/**
 * What the browser needs to load Stripe.js: the publishable key, and — with the emulator — the
 * emulator's `/js/stripe.js` shim (which defines window.Stripe, so @stripe/stripe-js loads
 * nothing from js.stripe.com). With real Stripe `scriptUrl` is null and Stripe.js comes from
 * js.stripe.com as usual.
 */
export function stripeBrowserConfig(): { publishableKey: string; scriptUrl: string | null } {
  const s = stripeSettings();
  if (s.mode === "emulator" && s.api) {
    const host = s.api.host.includes(":") ? `[${s.api.host}]` : s.api.host;
    return {
      publishableKey: s.publishableKey,
      scriptUrl: `${s.api.protocol}://${host}:${s.api.port}/js/stripe.js`,
    };
  }
  return { publishableKey: s.publishableKey, scriptUrl: null };
}
