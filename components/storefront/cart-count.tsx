"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { shopHref } from "@/lib/storefront/links";

/** Fired by cart forms after a change so the header count refreshes. */
export const CART_CHANGED_EVENT = "bazaar:cart-changed";

/** `count` when the caller knows it (the cart page), else the header asks the server. */
export function notifyCartChanged(count?: number) {
  window.dispatchEvent(new CustomEvent(CART_CHANGED_EVENT, { detail: count }));
}

/** Rendered by the cart page with the authoritative count, so the header always agrees. */
export function CartCountSync({ count }: { count: number }) {
  useEffect(() => notifyCartChanged(count), [count]);
  return null;
}

function CartIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-5 w-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <path d="M6 7h12l-1 13H7L6 7Z" strokeLinejoin="round" />
      <path d="M9 7a3 3 0 0 1 6 0" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The header's cart link. Pages stay fully cached for every shopper; the per-shopper count is
 * loaded separately from /s/{shop}/cart/count (reads the cart cookie, never cached) after the
 * page arrives, and again whenever a cart form reports a change or the route changes.
 */
export function CartLink({ shopBase }: { shopBase: string }) {
  const [count, setCount] = useState<number | null>(null);
  const pathname = usePathname();
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetch(shopHref(shopBase, "/cart/count"), { cache: "no-store", credentials: "same-origin" })
        .then((r) => (r.ok ? (r.json() as Promise<{ count: number }>) : null))
        .then((data) => {
          if (!cancelled && data) setCount(data.count);
        })
        .catch(() => {});
    const onChange = (event: Event) => {
      const known = (event as CustomEvent<number | undefined>).detail;
      if (typeof known === "number") setCount(known);
      else void load();
    };
    void load();
    window.addEventListener(CART_CHANGED_EVENT, onChange);
    return () => {
      cancelled = true;
      window.removeEventListener(CART_CHANGED_EVENT, onChange);
    };
  }, [shopBase, pathname]);
  return (
    <Link
      href={shopHref(shopBase, "/cart")}
      // Never a prefetched copy: the cart must reflect what was just added.
      prefetch={false}
      className="relative inline-flex h-10 items-center gap-2 rounded-[var(--sf-radius-button)] px-3 text-sm font-medium text-zinc-900 hover:bg-zinc-100"
    >
      <CartIcon />
      <span>
        Cart
        <span aria-live="polite">
          {count !== null ? (
            <>
              <span className="sr-only">
                , {count} {count === 1 ? "item" : "items"}
              </span>
              <span
                aria-hidden="true"
                data-testid="cart-count"
                className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-[var(--sf-brand)] px-1.5 text-xs font-semibold text-[var(--sf-on-brand)]"
              >
                {count}
              </span>
            </>
          ) : null}
        </span>
      </span>
    </Link>
  );
}
