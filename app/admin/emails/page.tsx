import type { Metadata } from "next";
import { retryEmailAction } from "@/app/admin/actions";
import { listOutbox, listUndeliverable, OUTBOX_PAGE_SIZE } from "@/db/queries/orders";
import { InlineAction } from "@/components/admin/inline-action";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
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
  const sp = await searchParams;
  const page = pageSchema.parse(sp.page);
  const [{ items, total }, undeliverable] = await Promise.all([
    listOutbox({ page }),
    listUndeliverable(),
  ]);
  return (
    <>
      <PageHeader
        title="E-mail outbox"
        description="Every e-mail the platform queued, for all shops. The worker sends them and retries failures with backoff. Logged messages were not sent because no SMTP server is configured."
      />
      {sp.notice === "retried" ? (
        <Alert tone="success" title="Queued again" live className="mb-6">
          The worker sends it in a moment. If it fails again it comes back to this list.
        </Alert>
      ) : null}
      {undeliverable.length > 0 ? (
        <Card className="mb-6 border-red-200">
          <CardHeader
            title={`Undeliverable (${undeliverable.length})`}
            description="These messages failed on every try. Fix the cause (the SMTP server, the address), then send them again."
          />
          <CardBody>
            <ul className="divide-y divide-zinc-200" aria-label="Undeliverable e-mails">
              {undeliverable.map((m) => (
                <li
                  key={m.id}
                  className="flex flex-col gap-3 py-3 sm:flex-row sm:items-start sm:justify-between"
                >
                  <div className="min-w-0 text-sm">
                    <a
                      href={`/admin/emails/${m.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {m.subject}
                    </a>
                    <p className="text-zinc-600">
                      To {m.to}
                      {m.shopName ? ` · ${m.shopName}` : ""} ·{" "}
                      {m.attempts === 1 ? "1 try" : `${m.attempts} tries`}
                      {m.lastAttemptAt
                        ? ` · last ${m.lastAttemptAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
                        : ""}
                    </p>
                    <p className="mt-1 font-mono text-xs break-all text-red-800">
                      {m.error ?? "Unknown error"}
                    </p>
                  </div>
                  <InlineAction
                    action={retryEmailAction}
                    fields={{ emailId: m.id }}
                    label="Retry"
                    pendingLabel="Queuing…"
                  />
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
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
