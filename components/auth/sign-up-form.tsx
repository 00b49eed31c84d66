"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { idleState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form
      action={action}
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        // Where to go after sign-up (an invitation link): read from the address bar at submit.
        const input = e.currentTarget.elements.namedItem("callbackUrl");
        if (input instanceof HTMLInputElement) {
          input.value = new URLSearchParams(window.location.search).get("callbackUrl") ?? "";
        }
      }}
    >
      <input type="hidden" name="callbackUrl" defaultValue="" />
      <div aria-live="polite" className="empty:sr-only">
        {state.message ? (
          <Alert tone="error" live>
            {state.message}
          </Alert>
        ) : null}
      </div>
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        required
        defaultValue={v.name}
        key={`name-${v.name ?? ""}`}
        error={errors.name}
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={v.email}
        key={`email-${v.email ?? ""}`}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={errors.password}
      />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link
          href="/sign-in"
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
