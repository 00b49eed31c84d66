"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { can, type ShopPermission, type ShopRole } from "@/lib/auth/permissions";
import { cn } from "@/components/ui/cn";

export type ShopNavItem = {
  href: string;
  label: string;
  exact?: boolean;
  /** What the page needs (lib/auth/permissions): the item is hidden from roles without it. */
  permission: ShopPermission;
};

/** Sections of a shop's dashboard that `role` may open; later features add their entries here. */
export function shopNavItems(slug: string, role: ShopRole): ShopNavItem[] {
  const base = `/dashboard/${slug}`;
  const items: ShopNavItem[] = [
    { href: base, label: "Overview", exact: true, permission: "shop.view" },
    { href: `${base}/orders`, label: "Orders", permission: "orders.view" },
    { href: `${base}/products`, label: "Products", permission: "catalog.manage" },
    { href: `${base}/collections`, label: "Collections", permission: "catalog.manage" },
    { href: `${base}/storefront`, label: "Storefront", permission: "storefront.design" },
    { href: `${base}/analytics`, label: "Analytics", permission: "analytics.view" },
    { href: `${base}/balance`, label: "Balance & payouts", permission: "money.view" },
    { href: `${base}/settings/payments`, label: "Payments", permission: "payments.manage" },
    { href: `${base}/settings/members`, label: "Members", permission: "members.manage" },
    { href: `${base}/emails`, label: "E-mails", permission: "orders.view" },
  ];
  return items.filter((item) => can(role, item.permission));
}

export function ShopNav({ slug, role }: { slug: string; role: ShopRole }) {
  const pathname = usePathname();
  const items = shopNavItems(slug, role);
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
