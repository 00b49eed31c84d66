"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type ShopNavItem = { href: string; label: string; exact?: boolean };

/** Sections of a shop's dashboard; later features add their entries here. */
export function shopNavItems(slug: string): ShopNavItem[] {
  const base = `/dashboard/${slug}`;
  return [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/orders`, label: "Orders" },
    { href: `${base}/products`, label: "Products" },
    { href: `${base}/collections`, label: "Collections" },
    { href: `${base}/storefront`, label: "Storefront" },
    { href: `${base}/analytics`, label: "Analytics" },
    { href: `${base}/balance`, label: "Balance & payouts" },
    { href: `${base}/settings/payments`, label: "Payments" },
    { href: `${base}/emails`, label: "E-mails" },
  ];
}

export function ShopNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const items = shopNavItems(slug);
  return (
    <nav aria-label="Shop" className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:px-0">
      <ul className="flex gap-1 lg:flex-col">
        {items.map((item) => {
          const active = item.exact ? pathname === item.href : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap",
                  active
                    ? "bg-brand-50 text-brand-800"
                    : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
