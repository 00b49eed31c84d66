"use client";

import { useActionState } from "react";
import { leaveShopAction } from "@/app/dashboard/[shop]/settings/members/actions";
import { idleState } from "@/lib/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "@/components/dashboard/catalog/form-status";

export function LeaveShopForm({ shopSlug, shopName }: { shopSlug: string; shopName: string }) {
  const [state, action] = useActionState(leaveShopAction, idleState);
  return (
    <form
      action={action}
      aria-label="Leave this shop"
      className="space-y-3"
      onSubmit={(e) => {
        if (!window.confirm(`Leave ${shopName}? You lose access at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="confirm" value="leave" />
      <FormStatus state={state} />
      <SubmitButton variant="danger" pendingLabel="Leaving…">
        Leave {shopName}
      </SubmitButton>
    </form>
  );
}
