"use client";

import { useActionState, useState } from "react";
import { saveOptionsAction } from "@/app/dashboard/[shop]/products/actions";
import { idleState } from "@/lib/actions";
import { MAX_OPTIONS, MAX_VARIANTS, splitOptionValues } from "@/lib/catalog/rules";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "./form-status";

export function OptionsForm({
  shopSlug,
  productId,
  options,
}: {
  shopSlug: string;
  productId: string;
  options: { name: string; values: string[] }[];
}) {
  const [state, action] = useActionState(saveOptionsAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const [rows, setRows] = useState(() =>
    Array.from({ length: MAX_OPTIONS }, (_, i) => ({
      name: v[`options.${i}.name`] ?? options[i]?.name ?? "",
      values: v[`options.${i}.values`] ?? options[i]?.values.join(", ") ?? "",
    })),
  );
  const count = rows
    .filter((r) => r.name.trim() || r.values.trim())
    .reduce((n, r) => n * Math.max(splitOptionValues(r.values).length, 1), 1);

  return (
    <Card>
      <CardHeader
        title="Options"
        description="Up to 3 options, such as Size or Colour. Each combination becomes a variant."
      />
      <CardBody>
        <form action={action} noValidate className="space-y-4" aria-label="Product options">
          <input type="hidden" name="shop" value={shopSlug} />
          <input type="hidden" name="productId" value={productId} />
          <input type="hidden" name="optionRows" value={MAX_OPTIONS} />
          <FormStatus state={state} />
          {rows.map((row, i) => (
            <div key={i} className="grid gap-3 sm:grid-cols-[12rem_1fr]">
              <TextField
                label={`Option ${i + 1} name`}
                name={`options.${i}.name`}
                maxLength={40}
                placeholder={["Size", "Colour", "Material"][i]}
                value={row.name}
                onChange={(e) =>
                  setRows((r) => r.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                }
                error={errors[`options.${i}.name`]}
              />
              <TextField
                label={`Option ${i + 1} values`}
                name={`options.${i}.values`}
                placeholder={["Small, Medium, Large", "Black, White", "Cotton, Linen"][i]}
                value={row.values}
                onChange={(e) =>
                  setRows((r) => r.map((x, j) => (j === i ? { ...x, values: e.target.value } : x)))
                }
                hint={i === 0 ? "Separate values with commas." : undefined}
                error={errors[`options.${i}.values`]}
              />
            </div>
          ))}
          {errors.options ? (
            <p className="text-sm font-medium text-red-700">{errors.options}</p>
          ) : null}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p
              className={
                count > MAX_VARIANTS ? "text-sm font-medium text-red-700" : "text-sm text-zinc-600"
              }
            >
              {count === 1 ? "1 variant" : `${count} variants`} (maximum {MAX_VARIANTS}). Existing
              variants keep their price, SKU and stock.
            </p>
            <SubmitButton variant="secondary" pendingLabel="Saving…">
              Save options
            </SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
