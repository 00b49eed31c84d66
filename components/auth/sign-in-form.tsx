"use client";

import Link from "next/link";
import { useActionState, useEffect } from "react";
import { signInAction } from "@/app/(auth)/actions";
import { idleState } from "@/lib/actions";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignInForm() {
  const [state, action] = useActionState(signInAction, idleState);

  const errors = state.fieldErrors ?? {};
  useEffect(() => {
    if (state.status === "success" && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);
  return (
    <form
      action={action}
      noValidate
      className="space-y-5"
      aria-labelledby="sign-in-title"
      onSubmit={(e) => {
        const input = e.currentTarget.elements.namedItem("callbackUrl");
        if (input instanceof HTMLInputElement) {
          input.value = new URLSearchParams(window.location.search).get("callbackUrl") ?? "";
        }
      }}
    >
      {/* Filled at submit from the address bar, so the page needs no streamed swap of the form
          (which would drop what the user already typed); the action only follows relative paths. */}
      <input type="hidden" name="callbackUrl" defaultValue="" />
      <div aria-live="polite" className="empty:sr-only">
        {state.status === "success" && state.redirectTo ? (
          <p className="text-sm text-zinc-700">
            Signed in.{" "}
            <a href={state.redirectTo} className="font-medium text-brand-700 underline">
              Continue
            </a>
          </p>
        ) : state.message ? (
          <Alert tone="error" live>
            {state.message}
          </Alert>
        ) : null}
      </div>
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        key={`email-${state.values?.email ?? ""}`}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-zinc-600">
        New to Bazaar?{" "}
        <Link
          href="/sign-up"
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
