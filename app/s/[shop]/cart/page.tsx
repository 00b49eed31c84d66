import type { Metadata } from "next";
import { cartSummary } from "@/lib/storefront/availability";
import { shopRef, shopHref } from "@/lib/storefront/links";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { getCart } from "@/db/queries/carts";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { getStorefront, type Storefront } from "@/lib/storefront/data";
import { thumbnailUrl } from "@/lib/storage";
import { formatMoney } from "@/lib/money";
import { CartCountSync } from "@/components/storefront/cart-count";
import { CartLineControls } from "@/components/storefront/cart-line-controls";
import { CheckoutButton } from "@/components/storefront/checkout-button";
import { heldByCart } from "@/db/queries/orders-checkout";
import { releaseOverdueCheckouts } from "@/lib/orders/finalise";

type Props = { params: Promise<{ shop: string }> };

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default async function CartPage({ params }: Props) {
  // Per request, never a cached page: the first render of an uncached URL would not see the
  // shopper's cookie or query string.
  await connection();
  const { slug, base } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight">
        Your cart
      </h1>
      <Suspense fallback={<p className="mt-8 text-zinc-600">Loading your cart…</p>}>
        <CartContents storefront={storefront} base={base} />
      </Suspense>
    </div>
  );
}

/** Per-shopper: reads the cart cookie, prices and stock from the database right now. */
async function CartContents({ storefront, base }: { storefront: Storefront; base: string }) {
  const { shop } = storefront;
  const tokenHash = await readCartTokenHash();
  let cart = tokenHash ? await getCart(shop.id, tokenHash) : null;
  // A checkout left to run out gives its held stock back the next time the cart is used.
  if (cart && tokenHash && (await releaseOverdueCheckouts(cart.id)) > 0) {
    cart = await getCart(shop.id, tokenHash);
  }
  const open = cart ? await heldByCart(cart.id) : null;
  if (cart && open && open.held.size > 0) {
    // This shopper's own open checkout holds some of the stock: it is theirs, not sold out.
    const lines = cart.lines.map((line) => {
      const held = open.held.get(line.variantId) ?? 0;
      if (held === 0 || line.stock === null) return line;
      const stock = line.stock + held;
      const shortOfStock = line.stock < line.quantity;
      return {
        ...line,
        stock,
        available: line.available || (shortOfStock && stock >= line.quantity),
      };
    });
    const subtotal = lines
      .filter((l) => l.available)
      .reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    cart = { ...cart, lines, subtotal };
  }
  if (!cart || cart.lines.length === 0) {
    return (
      <>
        <CartCountSync count={0} />
        <div className="mt-8 rounded-[var(--sf-radius)] border border-dashed border-zinc-300 px-6 py-14 text-center">
          <p className="text-lg font-medium">Your cart is empty.</p>
          <Link
            href={shopHref(base, "/search")}
            className="mt-6 inline-flex h-11 items-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-5 text-sm font-semibold text-[var(--sf-on-brand)]"
          >
            Continue shopping
          </Link>
        </div>
      </>
    );
  }
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  // The subtotal counts only what can be bought now; a sold-out line says it is left out.
  const { itemCount: buyableCount, leftOut } = cartSummary(cart.lines);
  return (
    <div className="mt-8 grid gap-10 lg:grid-cols-[1fr_18rem]">
      <CartCountSync count={count} />
      <ul
        className="divide-y divide-zinc-200 border-y border-zinc-200"
        aria-label="Items in your cart"
      >
        {cart.lines.map((line) => {
          const variantLabel = line.optionValues
            .map((v, i) => `${line.optionNames[i] ?? "Option"}: ${v}`)
            .join(" · ");
          return (
            <li key={line.variantId} className="flex gap-4 py-5">
              <div className="h-24 w-24 shrink-0 overflow-hidden rounded-[var(--sf-radius)] bg-zinc-100">
                {line.imageKey ? (
                  // eslint-disable-next-line @next/next/no-img-element -- served by our own image route
                  <img
                    src={thumbnailUrl(line.imageKey, line.imageWidth)}
                    alt=""
                    className="h-full w-full object-cover"
                  />
                ) : null}
              </div>
              <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:justify-between">
                <div className="min-w-0">
                  <h2 className="font-medium">
                    <Link
                      href={shopHref(base, `/products/${line.productSlug}`)}
                      className="hover:underline"
                    >
                      {line.productName}
                    </Link>
                  </h2>
                  {variantLabel ? <p className="text-sm text-zinc-600">{variantLabel}</p> : null}
                  <p className="mt-1 text-sm">
                    {formatMoney(line.unitPrice, shop.currency)} each
                    {line.compareAtPrice ? (
                      <s className="ml-2 text-zinc-600">
                        <span className="sr-only">was </span>
                        {formatMoney(line.compareAtPrice, shop.currency)}
                      </s>
                    ) : null}
                  </p>
                  {!line.available ? (
                    <p className="mt-1 text-sm font-medium text-red-700">
                      {line.stock !== null && line.stock > 0
                        ? `Only ${line.stock} left — lower the quantity to buy this.`
                        : "No longer available — remove it to continue."}
                    </p>
                  ) : null}
                  <div className="mt-3">
                    <CartLineControls
                      shopSlug={shop.slug}
                      variantId={line.variantId}
                      productName={line.productName}
                      quantity={line.quantity}
                      max={line.stock === null ? 99 : Math.min(99, line.stock)}
                    />
                  </div>
                </div>
                {line.available ? (
                  <p className="font-semibold sm:text-right">
                    {formatMoney(line.unitPrice * line.quantity, shop.currency)}
                  </p>
                ) : (
                  <p className="text-sm text-zinc-600 sm:text-right">
                    <s aria-hidden="true">
                      {formatMoney(line.unitPrice * line.quantity, shop.currency)}
                    </s>
                    <span className="block">Not in the subtotal</span>
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <aside aria-label="Order summary" className="h-fit rounded-[var(--sf-radius)] bg-zinc-50 p-5">
        <dl className="flex items-baseline justify-between">
          <dt className="text-sm text-zinc-700">
            Subtotal ({buyableCount} {buyableCount === 1 ? "item" : "items"})
          </dt>
          <dd className="text-lg font-semibold" data-testid="subtotal">
            {formatMoney(cartSummary(cart.lines).subtotal, shop.currency)}
          </dd>
        </dl>
        {leftOut > 0 ? (
          <p className="mt-2 text-sm text-red-700">
            {leftOut === 1
              ? "1 item is sold out and not included."
              : `${leftOut} items are sold out and not included.`}
          </p>
        ) : null}
        <p className="mt-2 text-xs text-zinc-600">Shipping and taxes are calculated at checkout.</p>
        {!storefront.acceptingOrders ? (
          <p
            role="status"
            className="mt-4 rounded-[var(--sf-radius)] border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          >
            This shop is not accepting orders right now.
          </p>
        ) : (
          <>
            {open && open.orderIds[0] ? (
              <p
                role="status"
                className="mt-4 rounded-[var(--sf-radius)] border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-700"
              >
                Your items are held for a checkout in progress.{" "}
                {/* A plain link: the route closes that checkout and gives the stock back. */}
                <a
                  href={shopHref(base, `/checkout/cancel?order=${open.orderIds[0]}`)}
                  className="font-medium text-[var(--sf-brand-text)] underline underline-offset-2"
                >
                  Release them
                </a>
              </p>
            ) : null}
            <CheckoutButton shopSlug={shop.slug} disabled={cart.lines.some((l) => !l.available)} />
          </>
        )}
        {storefront.acceptingOrders && cart.lines.some((l) => !l.available) ? (
          <p className="mt-2 text-xs text-zinc-600">Fix the items marked above to check out.</p>
        ) : null}
        <Link
          href={shopHref(base, "/search")}
          className="mt-4 inline-block text-sm font-medium text-[var(--sf-brand-text)] underline underline-offset-2"
        >
          Continue shopping
        </Link>
      </aside>
    </div>
  );
}
