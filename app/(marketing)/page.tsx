import Link from "next/link";
import { Suspense } from "react";
import { Logo } from "@/components/brand/logo";
import { UserMenu } from "@/components/dashboard/user-menu";
import { buttonClasses } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

const features = [
  {
    title: "Your shop, your Stripe",
    text: "Connect an existing Stripe account in one click, or open a new one with Stripe-hosted onboarding. Payments land in your own account.",
  },
  {
    title: "A storefront that sells",
    text: "Products with variants and stock, collections, a designed home page, and a fast, accessible storefront on your own address.",
  },
  {
    title: "Orders, refunds, payouts",
    text: "See every order, fulfil with tracking, refund in full or in part, and watch your balance and payouts in one place.",
  },
];

export default function HomePage() {
  return (
    <div className="min-h-dvh bg-gradient-to-b from-brand-50 via-white to-zinc-50">
      <header className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Logo />
        <Suspense fallback={<Skeleton className="h-8 w-40" />}>
          <UserMenu />
        </Suspense>
      </header>
      <main id="main">
        <section className="mx-auto max-w-6xl px-4 pt-16 pb-20 text-center sm:px-6 sm:pt-24">
          <h1 className="mx-auto max-w-3xl text-4xl font-semibold tracking-tight text-zinc-900 sm:text-6xl">
            Open a shop. Get paid on Stripe.
          </h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-zinc-600">
            Bazaar is an open-source storefront builder. Merchants sell on their own storefront,
            money goes straight to their connected Stripe account, and the platform earns a
            transparent fee.
          </p>
          <div className="mt-10 flex flex-col items-center justify-center gap-3 sm:flex-row">
            <Link href="/sign-up" className={buttonClasses({ size: "lg" })}>
              Start selling
            </Link>
            <Link href="/sign-in" className={buttonClasses({ variant: "secondary", size: "lg" })}>
              Sign in
            </Link>
          </div>
        </section>
        <section aria-labelledby="features" className="mx-auto max-w-6xl px-4 pb-24 sm:px-6">
          <h2 id="features" className="sr-only">
            Features
          </h2>
          <ul className="grid gap-6 md:grid-cols-3">
            {features.map((f) => (
              <li
                key={f.title}
                className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm"
              >
                <h3 className="text-base font-semibold text-zinc-900">{f.title}</h3>
                <p className="mt-2 text-sm leading-6 text-zinc-600">{f.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="border-t border-zinc-200 py-8 text-center text-sm text-zinc-600">
        Bazaar · open source · built on Stripe Connect
      </footer>
    </div>
  );
}
