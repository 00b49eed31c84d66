"use client";

import { useActionState } from "react";
import { idleState, type ActionState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import type { ButtonVariant } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** One button posting a server action for a shop; its error (if any) shows right above it. */
export function ActionButton({
  action,
  shop,
  label,
  pendingLabel,
  variant = "primary",
  className,
}: {
  action: Action;
  shop: string;
  label: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className={className}>
      <input type="hidden" name="shop" value={shop} />
      <div aria-live="polite">
        {state.status === "error" && state.message ? (
          <Alert tone="error" live className="mb-3">
            {state.message}
          </Alert>
        ) : null}
      </div>
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}
