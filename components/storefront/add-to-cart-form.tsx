"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useMemo, useState } from "react";
import { useFormStatus } from "react-dom";
import { addToCartAction } from "@/app/s/[shop]/actions";
import { idleState } from "@/lib/actions";
import { formatMoney } from "@/lib/money";
import { optionValueUnavailable } from "@/lib/storefront/availability";
import { cn } from "@/components/ui/cn";
import { notifyCartChanged } from "./cart-count";

type Variant = {
  id: string;
  optionValues: string[];
  price: number;
  compareAtPrice: number | null;
  stock: number | null;
};

function stockText(stock: number | null) {
  if (stock === null) return "In stock";
  if (stock === 0) return "Sold out";
  if (stock <= 5) return `Only ${stock} left`;
  return `${stock} in stock`;
}

function AddButton({ disabled }: { disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={disabled || pending}
      className="inline-flex h-12 flex-1 items-center justify-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-6 text-base font-semibold text-[var(--sf-on-brand)] shadow-sm hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50"
    >
      {pending ? "Adding…" : disabled ? "Sold out" : "Add to cart"}
    </button>
  );
}

/** Option pickers, live price and stock for the chosen variant, quantity, add to cart. */
export function AddToCartForm({
  shopSlug,
  currency,
  options,
  variants,
}: {
  shopSlug: string;
  currency: string;
  options: { name: string; values: string[] }[];
  variants: Variant[];
}) {
  const [state, action] = useActionState(addToCartAction, idleState);
  const firstAvailable = variants.find((v) => v.stock === null || v.stock > 0) ?? variants[0];
  const [selected, setSelected] = useState<string[]>(firstAvailable?.optionValues ?? []);
  const [quantity, setQuantity] = useState("1");
  const quantityId = useId();
  const variant = useMemo(
    () =>
      variants.find(
        (v) =>
          v.optionValues.length === selected.length &&
          v.optionValues.every((value, i) => value === selected[i]),
      ) ?? null,
    [variants, selected],
  );
  const soldOut = !variant || variant.stock === 0;
  const max = variant?.stock === null || variant === null ? 99 : Math.min(99, variant.stock);
  const onSale = variant?.compareAtPrice != null && variant.compareAtPrice > variant.price;
  const quantityError = state.fieldErrors?.quantity;
  useEffect(() => {
    if (state.status === "success") notifyCartChanged();
  }, [state]);

  return (
    <form action={action} className="space-y-6">
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="variantId" value={variant?.id ?? ""} />

      <div>
        <p className="flex flex-wrap items-baseline gap-x-3 text-2xl" aria-live="polite">
          {variant ? (
            <>
              {onSale ? <span className="sr-only">Sale price</span> : null}
              <span
                className={cn("font-semibold", onSale && "text-[var(--sf-accent-text)]")}
                data-testid="price"
              >
                {formatMoney(variant.price, currency)}
              </span>
              {onSale ? (
                <>
                  <span className="sr-only">Regular price</span>
                  <s className="text-lg text-zinc-600">
                    {formatMoney(variant.compareAtPrice!, currency)}
                  </s>
                  <span className="rounded-[var(--sf-radius-button)] bg-[var(--sf-accent)] px-2 py-0.5 text-xs font-semibold text-[var(--sf-on-accent)]">
                    Sale
                  </span>
                </>
              ) : null}
            </>
          ) : (
            <span className="text-base text-zinc-600">This combination is not available.</span>
          )}
        </p>
        {variant ? (
          <p
            className={cn(
              "mt-1 text-sm font-medium",
              variant.stock === 0 ? "text-red-700" : "text-emerald-800",
            )}
            data-testid="stock"
          >
            {stockText(variant.stock)}
          </p>
        ) : null}
      </div>

      {options.map((option, index) => (
        <fieldset key={option.name}>
          <legend className="text-sm font-medium text-zinc-900">
            {option.name}: <span className="font-normal text-zinc-700">{selected[index]}</span>
          </legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {option.values.map((value) => {
              const checked = selected[index] === value;
              // Sold out with the other choices as they are: shown before it is picked.
              const unavailable = optionValueUnavailable(variants, selected, index, value);
              return (
                <label
                  key={value}
                  className={cn(
                    "relative cursor-pointer rounded-[var(--sf-radius-button)] border px-4 py-2 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-[var(--sf-brand)]",
                    checked
                      ? "border-[var(--sf-brand)] bg-[var(--sf-brand)] text-[var(--sf-on-brand)]"
                      : "border-zinc-300 bg-white text-zinc-900 hover:border-zinc-500",
                    unavailable && "border-dashed line-through decoration-1",
                    unavailable && !checked && "text-zinc-600",
                  )}
                >
                  <input
                    type="radio"
                    name={`option-${index}`}
                    value={value}
                    checked={checked}
                    onChange={() => {
                      const next = [...selected];
                      next[index] = value;
                      setSelected(next);
                    }}
                    className="sr-only"
                  />
                  {value}
                  {unavailable ? <span className="sr-only"> (sold out)</span> : null}
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}

      <div className="flex items-end gap-3">
        <div className="w-24">
          <label htmlFor={quantityId} className="block text-sm font-medium text-zinc-900">
            Quantity
          </label>
          <input
            id={quantityId}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={max || 1}
            step={1}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            aria-invalid={quantityError ? true : undefined}
            aria-describedby={quantityError ? `${quantityId}-error` : undefined}
            className="mt-1.5 h-12 w-full rounded-[var(--sf-radius-button)] border border-zinc-300 px-3 text-base focus:border-[var(--sf-brand)] focus:outline-2 focus:outline-[var(--sf-brand)]"
          />
        </div>
        <AddButton disabled={soldOut} />
      </div>
      {quantityError ? (
        <p id={`${quantityId}-error`} className="-mt-3 text-sm font-medium text-red-700">
          {quantityError}
        </p>
      ) : null}
      {state.fieldErrors?.variantId ? (
        <p className="-mt-3 text-sm font-medium text-red-700">{state.fieldErrors.variantId}</p>
      ) : null}

      <div aria-live="polite" role="status" className="min-h-6 text-sm">
        {state.status === "success" ? (
          <p className="font-medium text-emerald-800">
            {state.message}{" "}
            <Link
              href={`/s/${shopSlug}/cart`}
              prefetch={false}
              className="underline underline-offset-2"
            >
              View cart
            </Link>
          </p>
        ) : state.status === "error" && state.message ? (
          <p className="font-medium text-red-700">{state.message}</p>
        ) : null}
      </div>
    </form>
  );
}
