"use client";

import { useActionState, useId, useState } from "react";
import { idleState, type ActionState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Disconnect, behind an explicit confirmation that says what happens. */
export function DisconnectForm({
  action,
  shop,
  accountType,
}: {
  action: Action;
  shop: string;
  accountType: "standard" | "express";
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState(action, idleState);
  const id = useId();
  const error = state.fieldErrors?.confirm;
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Disconnect Stripe…
      </Button>
    );
  }
  return (
    <form
      action={formAction}
      className="w-full space-y-3 rounded-lg border border-red-200 bg-red-50/60 p-4"
      aria-labelledby={`${id}-title`}
    >
      <input type="hidden" name="shop" value={shop} />
      <p id={`${id}-title`} className="text-sm font-semibold text-red-900">
        Disconnect this Stripe account?
      </p>
      <p className="text-sm text-zinc-800">
        {accountType === "standard"
          ? "Bazaar loses access to your Stripe account. Your account, its balance and its payment history stay with you on Stripe."
          : "The account is unlinked from this shop. It stays on Stripe with its balance and payouts; you can reach it from Stripe's Express dashboard."}{" "}
        Checkout on your storefront closes until you connect again.
      </p>
      <div aria-live="polite">
        {state.message ? (
          <Alert tone="error" live>
            {state.message}
          </Alert>
        ) : null}
      </div>
      <div className="flex items-start gap-2">
        <input
          id={`${id}-confirm`}
          name="confirm"
          type="checkbox"
          value="yes"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-0.5 size-4 rounded border-zinc-400 accent-red-600"
        />
        <label htmlFor={`${id}-confirm`} className="text-sm text-zinc-900">
          I understand that shoppers cannot pay until I connect Stripe again
        </label>
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel="Disconnecting…">
          Disconnect
        </SubmitButton>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
