"use client";

import { useActionState } from "react";
import { updatePlatformSettingsAction } from "@/app/admin/actions";
import { idleState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { FeeFields } from "@/components/admin/fee-fields";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type PlatformSettingsValues = {
  feePercent: string;
  feeFixed: string;
  feeMin: string;
  feeMax: string;
  feeRefundPolicy: string;
  checkoutMode: string;
};

export function PlatformSettingsForm({ current }: { current: PlatformSettingsValues }) {
  const [state, action] = useActionState(updatePlatformSettingsAction, idleState);
  const v = (state.values as Partial<PlatformSettingsValues> | undefined) ?? current;
  const e = state.fieldErrors ?? {};
  const k = JSON.stringify(v);
  return (
    <form action={action} noValidate className="space-y-6" key={k}>
      <div aria-live="polite" className="empty:sr-only">
        {state.message ? (
          <Alert tone={state.status === "error" ? "error" : "success"} live>
            {state.message}
          </Alert>
        ) : null}
      </div>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-zinc-900">Default platform fee</legend>
        <p className="text-sm text-zinc-600">
          Fee = subtotal × percentage + fixed amount, kept between the minimum and maximum, never
          above the charge. Amounts are in the smallest unit of the shop&apos;s currency (30 =
          $0.30, or ¥30).
        </p>
        <FeeFields values={v} errors={e} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-zinc-900">Refunds and checkout</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Platform fee on refunds"
            name="feeRefundPolicy"
            defaultValue={v.feeRefundPolicy}
            error={e.feeRefundPolicy}
          >
            <option value="pro_rata">Refund the fee pro rata</option>
            <option value="keep">Keep the fee</option>
          </SelectField>
          <SelectField
            label="Checkout mode"
            name="checkoutMode"
            defaultValue={v.checkoutMode}
            error={e.checkoutMode}
          >
            <option value="embedded">Embedded on the storefront</option>
            <option value="hosted">Hosted by Stripe (redirect)</option>
          </SelectField>
        </div>
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
