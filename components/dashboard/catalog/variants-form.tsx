"use client";

import { useActionState } from "react";
import { saveVariantsAction } from "@/app/dashboard/[shop]/products/actions";
import { idleState } from "@/lib/actions";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClasses } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "./form-status";

export type VariantRow = {
  id: string;
  title: string;
  price: string;
  compareAtPrice: string;
  sku: string;
  stock: number;
};

function Cell({
  label,
  name,
  defaultValue,
  error,
  ...props
}: {
  label: string;
  name: string;
  defaultValue: string;
  error?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = name.replace(/\./g, "-");
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600 md:sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={controlClasses(Boolean(error), "h-9")}
        {...props}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function VariantsForm({
  shopSlug,
  productId,
  currency,
  trackStock,
  variants,
}: {
  shopSlug: string;
  productId: string;
  currency: string;
  trackStock: boolean;
  variants: VariantRow[];
}) {
  const [state, action] = useActionState(saveVariantsAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <Card>
      <CardHeader
        title="Variants"
        description={`${variants.length} variant${variants.length === 1 ? "" : "s"} · prices in ${currency}`}
      />
      <CardBody>
        <form action={action} noValidate className="space-y-4" aria-label="Variants">
          <input type="hidden" name="shop" value={shopSlug} />
          <input type="hidden" name="productId" value={productId} />
          <FormStatus state={state} />
          <div
            className="hidden gap-3 px-1 text-xs font-medium tracking-wide text-zinc-500 uppercase md:grid md:grid-cols-[minmax(8rem,1.4fr)_1fr_1fr_1fr_6rem]"
            aria-hidden="true"
          >
            <span>Variant</span>
            <span>Price</span>
            <span>Compare-at</span>
            <span>SKU</span>
            <span>Stock</span>
          </div>
          <ul className="divide-y divide-zinc-100">
            {variants.map((row) => (
              <li
                key={row.id}
                className="grid grid-cols-2 gap-3 py-3 md:grid-cols-[minmax(8rem,1.4fr)_1fr_1fr_1fr_6rem] md:items-start"
              >
                <input type="hidden" name="variantId" value={row.id} />
                <p className="col-span-2 pt-2 text-sm font-medium text-zinc-900 md:col-span-1">
                  {row.title}
                </p>
                <Cell
                  label={`Price for ${row.title}`}
                  name={`v.${row.id}.price`}
                  inputMode="decimal"
                  defaultValue={v[`v.${row.id}.price`] ?? row.price}
                  error={errors[`v.${row.id}.price`]}
                />
                <Cell
                  label={`Compare-at price for ${row.title}`}
                  name={`v.${row.id}.compareAtPrice`}
                  inputMode="decimal"
                  defaultValue={v[`v.${row.id}.compareAtPrice`] ?? row.compareAtPrice}
                  error={errors[`v.${row.id}.compareAtPrice`]}
                />
                <Cell
                  label={`SKU for ${row.title}`}
                  name={`v.${row.id}.sku`}
                  maxLength={64}
                  defaultValue={v[`v.${row.id}.sku`] ?? row.sku}
                  error={errors[`v.${row.id}.sku`]}
                />
                {trackStock ? (
                  <Cell
                    label={`Stock for ${row.title}`}
                    name={`v.${row.id}.stock`}
                    type="number"
                    min={0}
                    inputMode="numeric"
                    defaultValue={v[`v.${row.id}.stock`] ?? String(row.stock)}
                    error={errors[`v.${row.id}.stock`]}
                  />
                ) : (
                  <p className="pt-2 text-sm text-zinc-500">Not tracked</p>
                )}
              </li>
            ))}
          </ul>
          <div className="flex justify-end">
            <SubmitButton pendingLabel="Saving…">Save variants</SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
