"use client";

import { useActionState, useEffect, useId } from "react";
import { useFormStatus } from "react-dom";
import { removeCartLineAction, updateCartLineAction } from "@/app/s/[shop]/actions";
import { idleState } from "@/lib/actions";
import { notifyCartChanged } from "./cart-count";

function Pending({ idle, busy, className }: { idle: string; busy: string; className: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={className}>
      {pending ? busy : idle}
    </button>
  );
}

/** Quantity editor and remove button for one cart line. */
export function CartLineControls({
  shopSlug,
  variantId,
  productName,
  quantity,
  max,
}: {
  shopSlug: string;
  variantId: string;
  productName: string;
  quantity: number;
  max: number;
}) {
  const [updateState, update] = useActionState(updateCartLineAction, idleState);
  const [removeState, remove] = useActionState(removeCartLineAction, idleState);
  const id = useId();
  useEffect(() => {
    if (updateState.status === "success" || removeState.status === "success") notifyCartChanged();
  }, [updateState, removeState]);
  const error = updateState.fieldErrors?.quantity ?? updateState.message;
  const showError = updateState.status === "error" && error;
  return (
    <div className="flex flex-col items-start gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <form action={update} className="flex items-end gap-2">
          <input type="hidden" name="shop" value={shopSlug} />
          <input type="hidden" name="variantId" value={variantId} />
          <div>
            <label htmlFor={id} className="block text-xs font-medium text-zinc-700">
              Quantity<span className="sr-only"> of {productName}</span>
            </label>
            <input
              id={id}
              key={quantity}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.max(1, max)}
              defaultValue={updateState.values?.quantity ?? quantity}
              aria-invalid={showError ? true : undefined}
              aria-describedby={showError ? `${id}-error` : undefined}
              className="mt-1 h-10 w-20 rounded-[var(--sf-radius-button)] border border-zinc-300 px-2 text-sm focus:border-[var(--sf-brand)] focus:outline-2 focus:outline-[var(--sf-brand)]"
            />
          </div>
          <Pending
            idle="Update"
            busy="Updating…"
            className="h-10 rounded-[var(--sf-radius-button)] border border-zinc-300 px-3 text-sm font-medium hover:bg-zinc-50"
          />
        </form>
        <form action={remove}>
          <input type="hidden" name="shop" value={shopSlug} />
          <input type="hidden" name="variantId" value={variantId} />
          <Pending
            idle="Remove"
            busy="Removing…"
            className="h-10 px-2 text-sm font-medium text-zinc-700 underline underline-offset-2 hover:text-zinc-950"
          />
        </form>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {showError ? (
          <p id={`${id}-error`} className="font-medium text-red-700">
            {error}
          </p>
        ) : removeState.status === "error" ? (
          <p className="font-medium text-red-700">{removeState.message}</p>
        ) : null}
      </div>
    </div>
  );
}
