"use client";

import { EmbeddedCheckout, EmbeddedCheckoutProvider } from "@stripe/react-stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useCallback, useMemo, useState } from "react";

/** With the emulator, its /js/stripe.js defines window.Stripe; loadStripe then uses it. */
function loadScript(src: string) {
  return new Promise<void>((resolve, reject) => {
    if ((window as { Stripe?: unknown }).Stripe) return resolve();
    const existing = document.querySelector<HTMLScriptElement>(`script[src="${src}"]`);
    const script = existing ?? document.createElement("script");
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => reject(new Error("Stripe.js failed to load")), {
      once: true,
    });
    if (!existing) {
      script.src = src;
      script.async = true;
      document.head.appendChild(script);
    }
  });
}

export function EmbeddedCheckoutPanel({
  publishableKey,
  stripeAccount,
  clientSecret,
  scriptUrl,
}: {
  publishableKey: string;
  stripeAccount: string;
  clientSecret: string;
  /** The emulator's Stripe.js shim; null with real Stripe (js.stripe.com). */
  scriptUrl: string | null;
}) {
  const [failed, setFailed] = useState(false);
  const stripe = useMemo(() => {
    const ready = scriptUrl ? loadScript(scriptUrl) : Promise.resolve();
    return ready
      .then(() => loadStripe(publishableKey, { stripeAccount }))
      .catch(() => {
        setFailed(true);
        return null;
      });
  }, [publishableKey, stripeAccount, scriptUrl]);
  const fetchClientSecret = useCallback(() => Promise.resolve(clientSecret), [clientSecret]);
  if (failed) {
    return (
      <p
        role="alert"
        className="rounded-[var(--sf-radius)] border border-red-200 bg-red-50 p-4 text-sm text-red-800"
      >
        The secure payment form could not be loaded. Check your connection and reload the page.
      </p>
    );
  }
  return (
    // The frame is on another origin and cannot tell us its height: leave room for the form.
    <div
      id="checkout"
      data-testid="embedded-checkout"
      className="min-h-[32rem] [&_iframe]:!min-h-[1500px]"
    >
      <EmbeddedCheckoutProvider stripe={stripe} options={{ fetchClientSecret }}>
        <EmbeddedCheckout />
      </EmbeddedCheckoutProvider>
    </div>
  );
}
