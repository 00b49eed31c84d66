"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { idleState } from "@/lib/actions";
import { InlineStatus } from "@/components/ui/inline-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ButtonVariant } from "@/components/ui/button";

/** A one-button form (with hidden fields) whose result is announced next to it. */
export function InlineAction({
  action,
  fields,
  label,
  srLabel,
  pendingLabel,
  variant = "secondary",
  confirm,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  /** Read after the label by screen readers only (which row the button acts on). */
  srLabel?: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  confirm?: string;
}) {
  const [state, run] = useActionState(action, idleState);
  return (
    <form
      action={run}
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton size="sm" variant={variant} pendingLabel={pendingLabel}>
        {label}
        {srLabel ? <span className="sr-only">{srLabel}</span> : null}
      </SubmitButton>
      <InlineStatus state={state} />
    </form>
  );
}
