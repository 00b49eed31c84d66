import type { ActionState } from "@/lib/actions";

/** A small form's last result, announced beside its button. */
export function InlineStatus({ state }: { state: ActionState }) {
  return (
    <span
      aria-live="polite"
      className={
        state.status === "error" ? "text-sm font-medium text-red-700" : "text-sm text-emerald-800"
      }
    >
      {state.message}
    </span>
  );
}
