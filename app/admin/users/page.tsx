import type { Metadata } from "next";
import { queryValue } from "@/lib/search-params";
import { ADMIN_PAGE_SIZE, listUsersForAdmin } from "@/db/queries/admin";
import {
  demoteUserAction,
  lockUserAction,
  promoteUserAction,
  unlockUserAction,
} from "@/app/admin/actions";
import { pageSchema } from "@/lib/admin/validation";
import { requireAdmin } from "@/lib/auth/session";
import { InlineAction } from "@/components/admin/inline-action";
import { Badge } from "@/components/ui/badge";
import { CardList } from "@/components/ui/data-table";
import { FilterForm, FilterInput } from "@/components/ui/list-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Users" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: Search }) {
  const me = await requireAdmin();
  const sp = await searchParams;
  const q = queryValue(sp.q, 100)?.trim() || undefined;
  const page = pageSchema.parse(sp.page);
  const { rows, total } = await listUsersForAdmin({ q, page });
  return (
    <>
      <PageHeader
        title="Users"
        description="Promote or demote admins and lock accounts out. You cannot change your own account here."
      />
      <FilterForm action="/admin/users" columns="sm:grid-cols-[1fr_auto]" submitLabel="Search">
        <FilterInput
          id="user-q"
          name="q"
          label="Search users"
          defaultValue={q}
          placeholder="E-mail or name"
        />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title="No users match" description="Try another search." />
      ) : (
        <CardList label="Users" className="divide-zinc-200">
          {rows.map((u) => {
            const self = u.id === me.id;
            return (
              <li
                key={u.id}
                className="flex flex-col gap-3 px-4 py-4 lg:flex-row lg:items-center lg:justify-between"
              >
                <div className="min-w-0">
                  <p className="font-medium text-zinc-900">
                    {u.name}{" "}
                    {self ? <span className="text-sm font-normal text-zinc-600">(you)</span> : null}
                  </p>
                  <p className="truncate text-sm text-zinc-600">{u.email}</p>
                  <p className="mt-1 flex flex-wrap gap-1">
                    <Badge tone={u.role === "admin" ? "brand" : "neutral"}>
                      {u.role === "admin" ? "Admin" : "Merchant"}
                    </Badge>
                    {u.lockedAt ? <Badge tone="danger">Locked</Badge> : null}
                    <Badge>
                      {u.shopCount} {u.shopCount === 1 ? "shop" : "shops"}
                    </Badge>
                  </p>
                </div>
                {self ? null : (
                  <div
                    className="flex flex-wrap gap-2"
                    aria-label={`Actions for ${u.email}`}
                    role="group"
                  >
                    {u.role === "admin" ? (
                      <InlineAction
                        action={demoteUserAction}
                        fields={{ userId: u.id }}
                        label="Remove admin"
                        confirm={`Remove the admin role from ${u.email}?`}
                      />
                    ) : (
                      <InlineAction
                        action={promoteUserAction}
                        fields={{ userId: u.id }}
                        label="Make admin"
                        confirm={`Make ${u.email} a platform admin?`}
                      />
                    )}
                    {u.lockedAt ? (
                      <InlineAction
                        action={unlockUserAction}
                        fields={{ userId: u.id }}
                        label="Unlock"
                      />
                    ) : (
                      <InlineAction
                        action={lockUserAction}
                        fields={{ userId: u.id }}
                        label="Lock out"
                        variant="danger"
                        confirm={`Lock ${u.email} out? They are signed out at once.`}
                      />
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </CardList>
      )}
      <Pagination
        page={page}
        pageSize={ADMIN_PAGE_SIZE}
        total={total}
        basePath="/admin/users"
        params={{ q }}
      />
    </>
  );
}
