import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

async function SignInWithCallback({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  return <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />;
}

export default function SignInPage(props: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  return (
    <>
      <h1 id="sign-in-title" className="text-2xl font-semibold tracking-tight">
        Sign in to Bazaar
      </h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">Manage your shops, orders and payouts.</p>
      <Suspense fallback={<SignInForm />}>
        <SignInWithCallback searchParams={props.searchParams} />
      </Suspense>
    </>
  );
}
