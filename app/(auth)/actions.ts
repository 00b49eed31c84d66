"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { createUser, emailIsTaken } from "@/db/queries/users";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { signIn, signOut } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { THROTTLED_MESSAGE } from "@/lib/auth/throttle";
import { clientAddress, consumeLimit, waitText } from "@/lib/rate-limit";
import { signInSchema, signUpSchema } from "@/lib/auth/validation";

export const signInAction = formAction(async function signInAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const values = { email: raw.email ?? "" };
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), values);

  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "throttled") return errorState(THROTTLED_MESSAGE, {}, values);
      if (error.code === "locked") {
        return errorState(
          "This account has been locked. Contact the platform operator.",
          {},
          values,
        );
      }
      return errorState(undefined, { password: "Wrong e-mail or password." }, values);
    }
    throw error;
  }
  // A full page load, not a client-side navigation: the target may be a route handler that
  // redirects again (Stripe's onboarding return), which the client router cannot follow — the
  // address bar would stay put and announce the sign-in page.
  return {
    status: "success",
    message: "Signed in.",
    redirectTo: safeRedirectPath(raw.callbackUrl),
  };
});

export const signUpAction = formAction(async function signUpAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const values = { name: raw.name ?? "", email: raw.email ?? "" };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), values);

  const { name, email, password } = parsed.data;
  const taken = { email: "An account with this e-mail already exists. Sign in instead." };
  if (await emailIsTaken(email)) return errorState(undefined, taken, values);
  // Accounts per network address and hour, counted atomically across instances.
  const limit = await consumeLimit("sign-up", await clientAddress());
  if (!limit.ok) {
    return errorState(
      `Too many accounts were created from your network. Please try again in ${waitText(limit.retryAfterSeconds)}.`,
      {},
      values,
    );
  }

  const user = await createUser({ name, email, passwordHash: await hashPassword(password) });
  if (!user) return errorState(undefined, taken, values); // lost a race with another sign-up

  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return errorState(
        "Your account was created, but signing in failed. Please sign in.",
        {},
        values,
      );
    }
    throw error;
  }
  redirect("/dashboard");
});

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
