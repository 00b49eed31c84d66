import type { Metadata } from "next";
import Link from "next/link";
import { findDesign, listCollectionChoices, listContentPages } from "@/db/queries/storefront";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { env } from "@/lib/env";
import { imageUrl } from "@/lib/storage";
import { storefrontUrl } from "@/lib/tenancy";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DesignEditor } from "@/components/dashboard/storefront/design-editor";

export const metadata: Metadata = { title: "Storefront" };

export default async function StorefrontDesignPage({
  params,
}: {
  params: Promise<{ shop: string }>;
}) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "storefront.design");
  if (refusal) return <NoPermission title="Storefront" message={refusal} shopSlug={shop.slug} />;
  const [design, collections, pages] = await Promise.all([
    findDesign(shop.id),
    listCollectionChoices(shop.id),
    listContentPages(shop.id),
  ]);
  const { APP_URL, ROOT_DOMAIN } = env();
  return (
    <>
      <PageHeader
        title="Storefront"
        description="How your shop looks to shoppers. Changes appear on your storefront as soon as you save."
        actions={
          <a
            href={storefrontUrl(shop.slug, APP_URL, ROOT_DOMAIN)}
            className={buttonClasses({ variant: "secondary" })}
          >
            View storefront ↗
          </a>
        }
      />
      <DesignEditor
        shopSlug={shop.slug}
        shopName={shop.name}
        collections={collections}
        logoUrl={design.logoStorageKey ? imageUrl(design.logoStorageKey) : null}
        heroImageUrl={design.heroImageStorageKey ? imageUrl(design.heroImageStorageKey) : null}
        initial={{
          brandColor: design.brandColor,
          accentColor: design.accentColor,
          fontPairing: design.fontPairing,
          cornerStyle: design.cornerStyle,
          heroHeadline: design.heroHeadline,
          heroText: design.heroText,
          heroCtaLabel: design.heroCtaLabel,
          heroCtaHref: design.heroCtaHref,
          featuredCollectionId: design.featuredCollectionId ?? "",
          announcement: design.announcement,
          footerLinks: design.footerLinks,
        }}
      />
      <Card className="mt-8">
        <CardHeader
          title="Content pages"
          description="About, Shipping & returns, Privacy… written in Markdown, linked from your footer."
          actions={
            <Link
              href={`/dashboard/${shop.slug}/storefront/pages/new`}
              className={buttonClasses({ size: "sm" })}
            >
              New page
            </Link>
          }
        />
        {pages.length === 0 ? (
          <p className="px-5 py-6 text-sm text-zinc-600">
            No pages yet. Shoppers look for shipping and returns information before they buy — add a
            page for it.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200">
            {pages.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium text-zinc-900">{p.title}</p>
                  <p className="truncate text-zinc-600">/pages/{p.slug}</p>
                </div>
                <Link
                  href={`/dashboard/${shop.slug}/storefront/pages/${p.id}`}
                  className={buttonClasses({ variant: "secondary", size: "sm" })}
                >
                  Edit<span className="sr-only"> {p.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
