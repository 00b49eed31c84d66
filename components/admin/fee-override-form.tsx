"use client";

import { useActionState } from "react";
import { setShopFeeOverrideAction } from "@/app/admin/actions";
import { idleState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type FeeFormValues = {
  feePercent: string;
  feeFixed: string;
  feeMin: string;
  feeMax: string;
};

export function FeeOverrideForm({
  shopId,
  current,
  defaults,
}: {
  shopId: string;
  current: FeeFormValues;
  defaults: FeeFormValues;
}) {
  const [state, action] = useActionState(setShopFeeOverrideAction, idleState);
  const v = (state.values as Partial<FeeFormValues> | undefined) ?? current;
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="shopId" value={shopId} />
      <div aria-live="polite" className="empty:sr-only">
        {state.message ? (
          <Alert tone={state.status === "error" ? "error" : "success"} live>
            {state.message}
          </Alert>
        ) : null}
      </div>
      <p className="text-sm text-zinc-600">
        Leave a field empty to use the platform default (shown as the placeholder).
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Percentage (%)"
          name="feePercent"
          inputMode="decimal"
          defaultValue={v.feePercent}
          key={`p${v.feePercent}`}
          placeholder={defaults.feePercent}
          error={e.feePercent}
        />
        <TextField
          label="Fixed amount (minor units)"
          name="feeFixed"
          inputMode="numeric"
          defaultValue={v.feeFixed}
          key={`f${v.feeFixed}`}
          placeholder={defaults.feeFixed}
          error={e.feeFixed}
        />
        <TextField
          label="Minimum fee (minor units)"
          name="feeMin"
          inputMode="numeric"
          defaultValue={v.feeMin}
          key={`n${v.feeMin}`}
          placeholder={defaults.feeMin || "none"}
          error={e.feeMin}
        />
        <TextField
          label="Maximum fee (minor units)"
          name="feeMax"
          inputMode="numeric"
          defaultValue={v.feeMax}
          key={`x${v.feeMax}`}
          placeholder={defaults.feeMax || "none"}
          error={e.feeMax}
        />
      </div>
      <SubmitButton pendingLabel="Saving…">Save fee override</SubmitButton>
    </form>
  );
}
