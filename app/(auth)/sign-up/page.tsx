import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Create your Bazaar account</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        Open a shop in minutes. Connect Stripe when you are ready to take payments.
      </p>
      <SignUpForm />
    </>
  );
}
