import type { Metadata } from "next";
import { isUuid } from "@/db/queries/ids";
import Link from "next/link";
import { notFound } from "next/navigation";
import { findContentPage } from "@/db/queries/storefront";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import {
  ContentPageForm,
  DeleteContentPageForm,
} from "@/components/dashboard/storefront/content-page-form";

export const metadata: Metadata = { title: "Edit page" };

export default async function EditContentPage({
  params,
}: {
  params: Promise<{ shop: string; page: string }>;
}) {
  const { shop: slug, page: id } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "storefront.design");
  if (refusal) return <NoPermission title="Page" message={refusal} shopSlug={shop.slug} />;
  const page = isUuid(id) ? await findContentPage(shop.id, id) : null;
  if (!page) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/dashboard/${shop.slug}/storefront`}
          className="text-zinc-600 hover:text-zinc-900"
        >
          ← Storefront
        </Link>
      </p>
      <PageHeader
        title={page.title}
        actions={
          <a
            href={`/s/${shop.slug}/pages/${page.slug}`}
            className="text-sm text-brand-700 hover:underline"
          >
            View on storefront ↗
          </a>
        }
      />
      <ContentPageForm shopSlug={shop.slug} page={page} />
      <Card className="mt-8">
        <CardHeader
          title="Delete this page"
          description="Shoppers following an old link will see your shop’s 404 page."
        />
        <CardBody>
          <DeleteContentPageForm shopSlug={shop.slug} id={page.id} />
        </CardBody>
      </Card>
    </>
  );
}
