import { StorefrontHomeLink } from "@/components/storefront/home-link";

// Rendered inside the shop's layout, so a missing product keeps the shop's look.
export default function StorefrontNotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center sm:px-6">
      <p className="text-sm font-semibold tracking-wide text-zinc-600 uppercase">404</p>
      <h1 className="mt-2 font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight">
        We couldn’t find that page
      </h1>
      <p className="mt-3 text-zinc-600">
        The product may have sold out for good or moved. Try the search, or head back to the shop.
      </p>
      <StorefrontHomeLink className="mt-8 inline-flex h-11 items-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-5 text-sm font-semibold text-[var(--sf-on-brand)]">
        Back to the shop
      </StorefrontHomeLink>
    </div>
  );
}
