"use client";

import { useRef, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

/**
 * A button that opens a modal <dialog> asking for confirmation. The dialog traps focus and
 * closes on Escape (native behaviour); its body holds the form that does the work.
 */
export function ConfirmDialog({
  trigger,
  triggerVariant = "danger",
  title,
  children,
}: {
  trigger: ReactNode;
  triggerVariant?: ButtonVariant;
  title: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${title.replace(/\W+/g, "-").toLowerCase()}-title`;
  return (
    <>
      <Button variant={triggerVariant} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 shadow-xl backdrop:bg-zinc-900/40"
      >
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold text-zinc-900">
            {title}
          </h2>
          <div className="mt-2 text-sm text-zinc-700">{children}</div>
        </div>
      </dialog>
    </>
  );
}

/** Closes the dialog it sits in. */
export function CancelDialogButton({ children = "Cancel" }: { children?: ReactNode }) {
  return (
    <Button variant="secondary" onClick={(e) => e.currentTarget.closest("dialog")?.close()}>
      {children}
    </Button>
  );
}
