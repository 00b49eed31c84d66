import type { Metadata } from "next";
import { shopRef } from "@/lib/storefront/links";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getStorefront } from "@/lib/storefront/data";
import { StorefrontShell } from "@/components/storefront/storefront-shell";

// Blocking: the shop (cached) decides the status code before anything streams; only the
// shopper's cart count streams in later.
export const instant = false;

type Props = { children: ReactNode; params: Promise<{ shop: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const { slug } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) return {};
  const { shop, design } = storefront;
  return {
    title: { default: shop.name, template: `%s · ${shop.name}` },
    description: design.heroText || `Shop ${shop.name} online.`,
    openGraph: { siteName: shop.name, type: "website" },
  };
}

export default async function StorefrontLayout({ children, params }: Props) {
  const { slug, base } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  return (
    <StorefrontShell storefront={storefront} base={base}>
      {children}
    </StorefrontShell>
  );
}
