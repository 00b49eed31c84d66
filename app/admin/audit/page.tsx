import type { Metadata } from "next";
import { cleanQueryValue } from "@/lib/search-params";
import { z } from "zod";
import { ADMIN_PAGE_SIZE, listAuditLog } from "@/db/queries/admin";
import { pageSchema } from "@/lib/admin/validation";
import { requireAdmin } from "@/lib/auth/session";
import { CardList } from "@/components/ui/data-table";
import { FilterForm, FilterInput } from "@/components/ui/list-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Audit log" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const text = (v: unknown) =>
  typeof v === "string" ? cleanQueryValue(v, 100).trim() || undefined : undefined;

export default async function AdminAuditPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const sp = await searchParams;
  const action = text(sp.action);
  const actor = text(sp.actor);
  const shop = z.uuid().safeParse(sp.shop).success ? (sp.shop as string) : undefined;
  const page = pageSchema.parse(sp.page);
  const { rows, total } = await listAuditLog({ page, action, actor, shopId: shop });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Append-only: who did what, when, with the values before and after."
      />
      <FilterForm action="/admin/audit" columns="sm:grid-cols-[1fr_1fr_auto]" submitLabel="Filter">
        {shop ? <input type="hidden" name="shop" value={shop} /> : null}
        <FilterInput
          id="audit-action"
          name="action"
          label="Action"
          defaultValue={action}
          placeholder="e.g. shop.suspended"
        />
        <FilterInput
          id="audit-actor"
          name="actor"
          label="Who"
          defaultValue={actor}
          placeholder="E-mail"
        />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState
          title="Nothing recorded yet"
          description="Admin actions and sensitive merchant actions appear here."
        />
      ) : (
        <CardList ordered label="Audit entries" className="divide-zinc-200">
          {rows.map((r) => (
            <li key={r.id} className="px-4 py-3 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p>
                  <span className="font-mono font-medium text-zinc-900">{r.action}</span>{" "}
                  <span className="text-zinc-600">by {r.actorEmail ?? "system"}</span>
                  {r.shopName ? <span className="text-zinc-600"> · {r.shopName}</span> : null}
                </p>
                <time className="text-zinc-600" dateTime={r.createdAt.toISOString()}>
                  {r.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC
                </time>
              </div>
              {r.before != null || r.after != null ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-brand-700">Before and after</summary>
                  <div className="mt-2 grid gap-2 sm:grid-cols-2">
                    <pre
                      className="overflow-x-auto rounded-md bg-zinc-50 p-2 text-xs"
                      aria-label="Before"
                    >
                      {JSON.stringify(r.before, null, 2)}
                    </pre>
                    <pre
                      className="overflow-x-auto rounded-md bg-zinc-50 p-2 text-xs"
                      aria-label="After"
                    >
                      {JSON.stringify(r.after, null, 2)}
                    </pre>
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </CardList>
      )}
      <Pagination
        page={page}
        pageSize={ADMIN_PAGE_SIZE}
        total={total}
        basePath="/admin/audit"
        params={{ action, actor, shop }}
      />
    </>
  );
}
