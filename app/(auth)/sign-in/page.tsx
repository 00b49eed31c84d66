import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <>
      <h1 id="sign-in-title" className="text-2xl font-semibold tracking-tight">
        Sign in to Bazaar
      </h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">Manage your shops, orders and payouts.</p>
      <SignInForm />
    </>
  );
}
