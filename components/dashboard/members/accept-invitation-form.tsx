"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/invitations/[token]/actions";
import { idleState } from "@/lib/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "@/components/dashboard/catalog/form-status";

export function AcceptInvitationForm({ token, shopName }: { token: string; shopName: string }) {
  const [state, action] = useActionState(acceptInvitationAction, idleState);
  return (
    <form action={action} aria-label={`Accept the invitation to ${shopName}`} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Joining…">Join {shopName}</SubmitButton>
    </form>
  );
}
