import type { Metadata } from "next";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/db/queries/orders";
import { pageSchema } from "@/lib/admin/validation";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { OutboxList } from "./_components/outbox";

export const metadata: Metadata = { title: "E-mails" };

export default async function ShopEmailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "orders.view");
  if (refusal) return <NoPermission title="E-mails" message={refusal} shopSlug={shop.slug} />;
  const page = pageSchema.parse((await searchParams).page);
  const { items, total } = await listOutbox({ shopId: shop.id, page });
  const base = `/dashboard/${shop.slug}/emails`;
  return (
    <>
      <PageHeader
        title="E-mails"
        description="Messages sent to your shoppers and to you. Without an SMTP server they are kept here instead of being sent."
      />
      <OutboxList items={items} hrefFor={(id) => `${base}/${id}`} />
      <Pagination
        page={page}
        pageSize={OUTBOX_PAGE_SIZE}
        total={total}
        basePath={base}
        params={{}}
      />
    </>
  );
}
