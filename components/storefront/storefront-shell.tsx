import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import type { Storefront } from "@/lib/storefront/data";
import { shopHref } from "@/lib/storefront/links";
import { themeVariables } from "@/lib/storefront/theme";
import { CartLink } from "./cart-count";
import { ResponsivePicture } from "./responsive-picture";

function SearchIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <circle cx="9" cy="9" r="6" />
      <path d="m14 14 4 4" strokeLinecap="round" />
    </svg>
  );
}

export function StoreName({ storefront }: { storefront: Storefront }) {
  const { shop, logoImage } = storefront;
  return logoImage ? (
    <ResponsivePicture
      image={logoImage}
      alt={shop.name}
      sizes="160px"
      priority
      className="h-9 w-auto max-w-40 object-contain"
    />
  ) : (
    <span className="font-[family-name:var(--sf-font-heading)] text-xl font-semibold tracking-tight">
      {shop.name}
    </span>
  );
}

export function ClosedNotice() {
  return (
    <div
      role="status"
      className="border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-center text-sm text-amber-950"
    >
      <strong className="font-semibold">This shop is not accepting orders right now.</strong> You
      can still browse the catalogue.
    </div>
  );
}

/** The themed frame around every storefront page: announcement, header, footer. */
export function StorefrontShell({
  storefront,
  base,
  children,
}: {
  storefront: Storefront;
  /** Links' base for the host this page is served on (lib/storefront/links shopRef). */
  base: string;
  children: ReactNode;
}) {
  const { shop, design, collections, pages } = storefront;
  const style = themeVariables(design) as CSSProperties;
  return (
    <div
      style={style}
      className="flex min-h-dvh flex-col bg-white font-[family-name:var(--sf-font-body)] text-zinc-900 [--tw-outline-color:var(--sf-brand)]"
      data-storefront={shop.slug}
    >
      {design.announcement ? (
        <div className="bg-[var(--sf-brand)] px-4 py-2 text-center text-sm font-medium text-[var(--sf-on-brand)]">
          {design.announcement}
        </div>
      ) : null}
      {!storefront.acceptingOrders ? <ClosedNotice /> : null}
      <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:px-6">
          <Link href={shopHref(base)} className="mr-auto flex min-w-0 items-center rounded-sm">
            <StoreName storefront={storefront} />
            <span className="sr-only"> — home</span>
          </Link>
          <form
            role="search"
            action={shopHref(base, "/search")}
            className="hidden items-center sm:flex"
          >
            <label htmlFor="header-search" className="sr-only">
              Search products
            </label>
            <div className="relative">
              <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-zinc-500">
                <SearchIcon />
              </span>
              <input
                id="header-search"
                name="q"
                type="search"
                placeholder="Search"
                className="h-10 w-48 rounded-[var(--sf-radius-button)] border border-zinc-300 bg-white pr-3 pl-9 text-sm placeholder:text-zinc-500 focus:border-[var(--sf-brand)] focus:outline-2 focus:outline-[var(--sf-brand)] lg:w-64"
              />
            </div>
          </form>
          <Link
            href={shopHref(base, "/search")}
            className="inline-flex h-10 w-10 items-center justify-center rounded-[var(--sf-radius-button)] text-zinc-900 hover:bg-zinc-100 sm:hidden"
          >
            <SearchIcon />
            <span className="sr-only">Search</span>
          </Link>
          <CartLink shopBase={base} />
        </div>
        <nav aria-label="Catalogue" className="mx-auto max-w-6xl overflow-x-auto px-4 sm:px-6">
          <ul className="flex gap-5 pb-2.5 text-sm whitespace-nowrap text-zinc-700">
            <li>
              <Link
                href={shopHref(base, "/search")}
                className="hover:text-zinc-950 hover:underline"
              >
                Shop all
              </Link>
            </li>
            {collections.slice(0, 6).map((c) => (
              <li key={c.id}>
                <Link
                  href={shopHref(base, `/collections/${c.slug}`)}
                  className="hover:text-zinc-950 hover:underline"
                >
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="mt-16 border-t border-zinc-200 bg-zinc-50">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 text-sm sm:grid-cols-3 sm:px-6">
          <div>
            <p className="font-[family-name:var(--sf-font-heading)] text-base font-semibold">
              {shop.name}
            </p>
            <p className="mt-2 text-zinc-600">Secure checkout powered by Stripe.</p>
          </div>
          {pages.length > 0 ? (
            <nav aria-label="Information">
              <h2 className="font-semibold text-zinc-900">Information</h2>
              <ul className="mt-2 space-y-1.5 text-zinc-700">
                {pages.map((p) => (
                  <li key={p.id}>
                    <Link href={shopHref(base, `/pages/${p.slug}`)} className="hover:underline">
                      {p.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {design.footerLinks.length > 0 ? (
            <nav aria-label="More links">
              <h2 className="font-semibold text-zinc-900">Elsewhere</h2>
              <ul className="mt-2 space-y-1.5 text-zinc-700">
                {design.footerLinks.map((l, i) => (
                  <li key={`${l.href}-${i}`}>
                    <a href={l.href} className="hover:underline" rel="noopener">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
        <p className="border-t border-zinc-200 py-4 text-center text-xs text-zinc-600">
          © {shop.name} · Powered by Bazaar
        </p>
      </footer>
    </div>
  );
}
