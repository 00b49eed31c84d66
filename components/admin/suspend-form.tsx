"use client";

import { useActionState } from "react";
import { suspendShopAction } from "@/app/admin/actions";
import { idleState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { TextareaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SuspendForm({ shopId, shopName }: { shopId: string; shopName: string }) {
  const [state, action] = useActionState(suspendShopAction, idleState);
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
      <TextareaField
        label="Reason for suspension"
        name="reason"
        rows={3}
        required
        hint={`${shopName}'s owner sees this reason on their dashboard.`}
        defaultValue={state.status === "error" ? state.values?.reason : undefined}
        error={state.fieldErrors?.reason}
      />
      <SubmitButton variant="danger" pendingLabel="Suspending…">
        Suspend shop
      </SubmitButton>
    </form>
  );
}
