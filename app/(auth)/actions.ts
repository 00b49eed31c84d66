"use server";

import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { createUser, emailIsTaken } from "@/db/queries/users";
import { publicAction, redirectTo } from "@/lib/action-pipeline";
import { signIn, signOut } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { THROTTLED_MESSAGE } from "@/lib/auth/throttle";
import { clientAddress, consumeLimit, waitText } from "@/lib/rate-limit";
import { signInSchema, signUpSchema } from "@/lib/auth/validation";
import { AppError } from "@/lib/errors";

export const signInAction = publicAction(
  { schema: signInSchema.extend({ callbackUrl: z.string().optional() }) },
  async function signInAction({ input }) {
    try {
      await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirect: false,
      });
    } catch (error) {
      if (error instanceof CredentialsSignin) {
        if (error.code === "throttled") throw new AppError("rate_limited", THROTTLED_MESSAGE);
        if (error.code === "locked") {
          throw AppError.forbidden("This account has been locked. Contact the platform operator.");
        }
        throw new AppError("unauthenticated", "", { password: "Wrong e-mail or password." });
      }
      throw error;
    }
    // A full page load, not a client-side navigation: the target may be a route handler that
    // redirects again (Stripe's onboarding return), which the client router cannot follow — the
    // address bar would stay put and announce the sign-in page.
    return {
      status: "success",
      message: "Signed in.",
      redirectTo: safeRedirectPath(input.callbackUrl),
    };
  },
);

export const signUpAction = publicAction(
  { schema: signUpSchema.extend({ callbackUrl: z.string().optional() }) },
  async function signUpAction({ input }) {
    const { name, email, password } = input;
    const taken = { email: "An account with this e-mail already exists. Sign in instead." };
    if (await emailIsTaken(email)) throw AppError.conflict("", taken);
    // Accounts per network address and hour, counted atomically across instances.
    const limit = await consumeLimit("sign-up", await clientAddress());
    if (!limit.ok) {
      throw new AppError(
        "rate_limited",
        `Too many accounts were created from your network. Please try again in ${waitText(limit.retryAfterSeconds)}.`,
      );
    }

    const user = await createUser({ name, email, passwordHash: await hashPassword(password) });
    if (!user) throw AppError.conflict("", taken); // lost a race with another sign-up

    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (error instanceof CredentialsSignin) {
        throw new AppError(
          "unavailable",
          "Your account was created, but signing in failed. Please sign in.",
        );
      }
      throw error;
    }
    // An invitation link sends new members back to it after sign-up.
    return redirectTo(safeRedirectPath(input.callbackUrl, "/dashboard"));
  },
);

export const signOutAction = publicAction({ schema: z.object({}) }, async function signOutAction() {
  await signOut({ redirectTo: "/" });
  return { status: "success", message: "Signed out." };
});
