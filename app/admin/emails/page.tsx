import type { Metadata } from "next";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/db/queries/orders";
import { pageSchema } from "@/lib/admin/validation";
import { requireAdmin } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { OutboxList } from "@/app/dashboard/[shop]/emails/_components/outbox";

export const metadata: Metadata = { title: "E-mail outbox" };

export default async function AdminEmailsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const page = pageSchema.parse((await searchParams).page);
  const { items, total } = await listOutbox({ page });
  return (
    <>
      <PageHeader
        title="E-mail outbox"
        description="Every e-mail the platform queued, for all shops. Logged messages were not sent because no SMTP server is configured."
      />
      <OutboxList items={items} hrefFor={(id) => `/admin/emails/${id}`} showShop />
      <Pagination
        page={page}
        pageSize={OUTBOX_PAGE_SIZE}
        total={total}
        basePath="/admin/emails"
        params={{}}
      />
    </>
  );
}
