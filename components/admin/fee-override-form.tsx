"use client";

import { useActionState } from "react";
import { setShopFeeOverrideAction } from "@/app/admin/actions";
import { idleState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { FeeFields, type FeeFormValues } from "@/components/admin/fee-fields";
import { SubmitButton } from "@/components/ui/submit-button";

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
      <FeeFields values={v} errors={e} inherited={defaults} />
      <SubmitButton pendingLabel="Saving…">Save fee override</SubmitButton>
    </form>
  );
}
