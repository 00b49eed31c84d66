"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { startCheckoutAction } from "@/app/s/[shop]/checkout/actions";
import { idleState } from "@/lib/actions";

function Submit({ disabled }: { disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={disabled || pending}
      aria-disabled={disabled || pending || undefined}
      className="inline-flex h-12 w-full items-center justify-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-6 text-base font-semibold text-[var(--sf-on-brand)] shadow-sm hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--sf-brand)] disabled:cursor-not-allowed disabled:opacity-50"
    >
      {pending ? "Starting checkout…" : "Checkout"}
    </button>
  );
}

/** The cart's Checkout button: only the shop goes in the form; the cart comes from the cookie. */
export function CheckoutButton({ shopSlug, disabled }: { shopSlug: string; disabled: boolean }) {
  const [state, action] = useActionState(startCheckoutAction, idleState);
  return (
    <form action={action} className="mt-4">
      <input type="hidden" name="shop" value={shopSlug} />
      <Submit disabled={disabled} />
      <div role="alert" aria-live="assertive">
        {state.status === "error" && state.message ? (
          <p className="mt-3 rounded-[var(--sf-radius)] border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
