import Link from "next/link";
import { countCartItems } from "@/db/queries/carts";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { shopPath } from "@/lib/storefront/links";

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

export function CartLink({ shopSlug, count }: { shopSlug: string; count: number | null }) {
  return (
    <Link
      href={shopPath(shopSlug, "/cart")}
      className="relative inline-flex h-10 items-center gap-2 rounded-[var(--sf-radius-button)] px-3 text-sm font-medium text-zinc-900 hover:bg-zinc-100"
    >
      <CartIcon />
      <span>
        Cart
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
    </Link>
  );
}

/** Per-shopper, so never cached: streamed into the header inside <Suspense>. */
export async function CartCount({ shopId, shopSlug }: { shopId: string; shopSlug: string }) {
  const tokenHash = await readCartTokenHash();
  const count = tokenHash ? await countCartItems(shopId, tokenHash) : 0;
  return <CartLink shopSlug={shopSlug} count={count} />;
}
