import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findPublicShop } from "@/db/queries/shops";
import { canTakePayments } from "@/lib/stripe/status";

type Props = { params: Promise<{ shop: string }> };

// Placeholder storefront: blocks so an unknown shop is a real 404.
export const instant = false;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shop: slug } = await params;
  const shop = await findPublicShop(slug);
  return shop ? { title: { absolute: shop.name } } : {};
}

export default async function StorefrontHome({ params }: Props) {
  const { shop: slug } = await params;
  const shop = await findPublicShop(slug);
  if (!shop) notFound();
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-3xl flex-col items-center justify-center px-6 text-center"
    >
      <p className="text-sm font-medium tracking-wide text-zinc-500 uppercase">Welcome to</p>
      <h1 className="mt-2 text-4xl font-semibold tracking-tight sm:text-5xl">{shop.name}</h1>
      {!canTakePayments(shop) ? (
        <p className="mt-4 text-zinc-700" data-testid="checkout-closed">
          This shop is not accepting orders right now.
        </p>
      ) : (
        <p className="mt-4 text-zinc-600">Our storefront is being set up. Check back soon.</p>
      )}
    </main>
  );
}
