"use client";

import { useActionState, useState } from "react";
import { idleState } from "@/lib/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "@/components/dashboard/catalog/form-status";
import { refundOrderAction } from "../actions";

export type RestockableItem = { id: string; label: string; left: number };

export function RefundForm({
  shopSlug,
  orderId,
  requestId,
  remaining,
  remainingLabel,
  items,
  feePolicyNote,
}: {
  shopSlug: string;
  orderId: string;
  requestId: string;
  /** What remains, as a decimal string for the amount field ("18.00"). */
  remaining: string;
  remainingLabel: string;
  items: RestockableItem[];
  feePolicyNote: string;
}) {
  const [state, action] = useActionState(refundOrderAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const [all, setAll] = useState(v.restockAll === "on");
  return (
    <form action={action} noValidate className="space-y-4" aria-label="Refund order">
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="requestId" value={requestId} />
      <FormStatus state={state} />
      <TextField
        label="Refund amount"
        name="amount"
        inputMode="decimal"
        defaultValue={v.amount ?? remaining}
        key={`amount-${requestId}`}
        error={errors.amount}
        hint={`Up to ${remainingLabel}. ${feePolicyNote}`}
        required
      />
      <SelectField
        key={`reason-${v.reason ?? ""}-${state.message ?? ""}`}
        label="Reason (optional)"
        name="reason"
        defaultValue={v.reason ?? ""}
      >
        <option value="">No reason given</option>
        <option value="requested_by_customer">Requested by the shopper</option>
        <option value="duplicate">Duplicate payment</option>
        <option value="fraudulent">Fraudulent</option>
      </SelectField>
      {items.length > 0 ? (
        <fieldset className="space-y-3 rounded-lg border border-zinc-200 p-3">
          <legend className="px-1 text-sm font-medium text-zinc-800">Restock</legend>
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input
              type="checkbox"
              name="restockAll"
              checked={all}
              onChange={(e) => setAll(e.target.checked)}
              className="size-4 rounded border-zinc-300 accent-brand-600"
            />
            Put all items back in stock
          </label>
          {all
            ? null
            : items.map((item) => (
                <TextField
                  key={`${item.id}-${requestId}`}
                  label={`Units of ${item.label} to restock`}
                  name={`restock_${item.id}`}
                  type="number"
                  min={0}
                  max={item.left}
                  step={1}
                  inputMode="numeric"
                  defaultValue={v[`restock_${item.id}`] ?? "0"}
                  error={errors[`restock_${item.id}`]}
                  hint={`Up to ${item.left}.`}
                />
              ))}
        </fieldset>
      ) : null}
      <SubmitButton variant="danger" pendingLabel="Refunding…">
        Refund
      </SubmitButton>
    </form>
  );
}
