"use client";

import { useActionState } from "react";
import { idleState } from "@/lib/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "@/components/dashboard/catalog/form-status";
import { fulfilOrderAction } from "../actions";

export function FulfilForm({
  shopSlug,
  orderId,
  carriers,
}: {
  shopSlug: string;
  orderId: string;
  carriers: readonly string[];
}) {
  const [state, action] = useActionState(fulfilOrderAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="space-y-4" aria-label="Fulfil order">
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="orderId" value={orderId} />
      <FormStatus state={state} />
      <SelectField
        // Remount after each answer: a form reset would otherwise drop the chosen carrier.
        key={`carrier-${v.carrier ?? ""}-${state.message ?? ""}`}
        label="Carrier"
        name="carrier"
        defaultValue={v.carrier ?? ""}
        error={errors.carrier}
        required
      >
        <option value="" disabled>
          Choose a carrier
        </option>
        {carriers.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Tracking number"
        name="trackingNumber"
        defaultValue={v.trackingNumber ?? ""}
        error={errors.trackingNumber}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={60}
        required
        hint="Letters, digits and dashes. The shopper gets it by e-mail."
      />
      <SubmitButton pendingLabel="Saving…">Mark as fulfilled</SubmitButton>
    </form>
  );
}
