"use client";

import { useActionState } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { buttonClasses } from "@/components/ui/button";
import { idleState } from "@/lib/actions";

export function SignOutForm() {
  const [, action, pending] = useActionState(signOutAction, idleState);
  return (
    <form action={action}>
      <button
        type="submit"
        disabled={pending}
        className={buttonClasses({ variant: "secondary", size: "sm" })}
      >
        Sign out
      </button>
    </form>
  );
}
