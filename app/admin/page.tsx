import Link from "next/link";
import { adminCounts } from "@/db/queries/admin-overview";
import { requireAdmin } from "@/lib/auth/session";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export default async function AdminOverviewPage() {
  await requireAdmin();
  const c = await adminCounts();
  const stats = [
    { label: "Shops", value: c.shops, href: "/admin/shops" },
    { label: "Taking payments", value: c.activeShops, href: "/admin/shops?sort=status" },
    {
      label: "Needing attention",
      value: c.needingAttention,
      href: "/admin/shops?filter=attention",
    },
    { label: "Suspended", value: c.suspended, href: "/admin/shops?filter=suspended" },
    { label: "Users", value: c.users, href: "/admin/users" },
    { label: "Admins", value: c.admins, href: "/admin/users" },
  ];
  return (
    <>
      <PageHeader
        title="Platform overview"
        description="Merchants, shops and their ability to take payments."
      />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {stats.map((s) => (
          <li key={s.label}>
            <Card className="h-full">
              <Link href={s.href} className="block rounded-xl p-5 hover:bg-zinc-50">
                <p className="text-sm text-zinc-600">{s.label}</p>
                <p className="mt-1 text-3xl font-semibold tabular-nums">{s.value}</p>
              </Link>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
