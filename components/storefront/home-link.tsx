"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A link to the storefront home from places that do not know the shop (the 404 page). */
export function StorefrontHomeLink({
  className,
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const match = /^\/s\/([a-z0-9-]+)/.exec(pathname ?? "");
  return (
    <Link href={match ? `/s/${match[1]}` : "/"} className={className}>
      {children}
    </Link>
  );
}
