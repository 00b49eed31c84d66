import type { Metadata } from "next";
import { shopRef, shopHref } from "@/lib/storefront/links";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { openEmbeddedCheckout } from "@/lib/orders/checkout";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { getStorefront, type Storefront } from "@/lib/storefront/data";
import { stripeBrowserConfig } from "@/lib/stripe/browser";
import { EmbeddedCheckoutPanel } from "@/components/storefront/embedded-checkout";
import { log } from "@/lib/log";

type Props = { params: Promise<{ shop: string }> };

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

export default async function CheckoutPage({ params }: Props) {
  await connection();
  const { slug, base } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight">
        Checkout
      </h1>
      <Suspense fallback={<p className="mt-8 text-zinc-600">Loading the secure payment form…</p>}>
        <CheckoutContents storefront={storefront} base={base} />
      </Suspense>
    </div>
  );
}

const linkClass =
  "text-sm font-medium text-[var(--sf-brand-text)] underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2";

async function CheckoutContents({ storefront, base }: { storefront: Storefront; base: string }) {
  const { shop } = storefront;
  let open: Awaited<ReturnType<typeof openEmbeddedCheckout>> = null;
  let failed = false;
  try {
    open = await openEmbeddedCheckout(shop.id, await readCartTokenHash());
  } catch (error) {
    log().error({ err: error }, "[checkout] could not load the open checkout");
    failed = true;
  }
  if (!open) {
    return (
      <div className="mt-8 rounded-[var(--sf-radius)] border border-dashed border-zinc-300 px-6 py-12 text-center">
        <p className="text-lg font-medium">
          {failed
            ? "We couldn't load your checkout just now."
            : "There is no checkout in progress for your cart."}
        </p>
        <p className="mt-2 text-sm text-zinc-600">
          {failed
            ? "Nothing was charged. Go back to your cart and try again."
            : "It may have expired or your cart changed. Start again from your cart."}
        </p>
        <Link
          href={shopHref(base, "/cart")}
          className="mt-6 inline-flex h-11 items-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-5 text-sm font-semibold text-[var(--sf-on-brand)]"
        >
          Back to cart
        </Link>
      </div>
    );
  }
  const browser = stripeBrowserConfig();
  return (
    <div className="mt-6">
      <p className="mb-6 flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-700">
        <span>Pay securely — your items are held for you for 30 minutes.</span>
        {/* A plain link: leaving closes this checkout and returns the held stock. */}
        <a href={shopHref(base, `/checkout/cancel?order=${open.order.id}`)} className={linkClass}>
          Back to cart
        </a>
      </p>
      <EmbeddedCheckoutPanel
        publishableKey={browser.publishableKey}
        scriptUrl={browser.scriptUrl}
        stripeAccount={open.stripeAccount}
        clientSecret={open.clientSecret}
      />
    </div>
  );
}
