"use client";

import type { ActionState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";

/** The result of a form's last submission, announced politely to screen readers. */
export function FormStatus({ state, className }: { state: ActionState; className?: string }) {
  return (
    <div aria-live="polite" className={className}>
      {state.status !== "idle" && state.message ? (
        <Alert tone={state.status === "error" ? "error" : "success"}>{state.message}</Alert>
      ) : null}
    </div>
  );
}
