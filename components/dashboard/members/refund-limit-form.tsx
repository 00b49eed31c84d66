"use client";

import { useActionState } from "react";
import { setStaffRefundLimitAction } from "@/app/dashboard/[shop]/settings/members/actions";
import { idleState } from "@/lib/actions";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "@/components/dashboard/catalog/form-status";

export function RefundLimitForm({
  shopSlug,
  currency,
  limit,
}: {
  shopSlug: string;
  currency: string;
  /** The saved limit as a decimal string in the shop's currency. */
  limit: string;
}) {
  const [state, action] = useActionState(setStaffRefundLimitAction, idleState);
  const v = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate aria-label="Staff refund limit" className="space-y-4">
      <input type="hidden" name="shop" value={shopSlug} />
      <FormStatus state={state} />
      <TextField
        key={`${limit}-${v.staffRefundLimit ?? ""}`}
        label={`Staff may refund up to (${currency}, per order)`}
        name="staffRefundLimit"
        inputMode="decimal"
        defaultValue={v.staffRefundLimit ?? limit}
        hint="Everything refunded on an order counts. Owners can refund any amount."
        error={state.fieldErrors?.staffRefundLimit}
        className="max-w-xs"
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save limit
      </SubmitButton>
    </form>
  );
}
