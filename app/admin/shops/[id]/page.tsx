import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getShopForAdmin, listAuditLog } from "@/db/queries/admin";
import { getPlatformSettings } from "@/db/queries/platform";
import { reinstateShopAction } from "@/app/admin/actions";
import { bpsToPercentString, minorToString } from "@/lib/admin/format";
import { requireAdmin } from "@/lib/auth/session";
import { ConnectBadge } from "@/components/admin/connect-badge";
import { FeeOverrideForm } from "@/components/admin/fee-override-form";
import { InlineAction } from "@/components/admin/inline-action";
import { SuspendForm } from "@/components/admin/suspend-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Shop" };

export default async function AdminShopPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const data = await getShopForAdmin(id);
  if (!data) notFound();
  const { shop, members, feeOverride } = data;
  const [settings, audit] = await Promise.all([
    getPlatformSettings(),
    listAuditLog({ page: 1, shopId: shop.id }),
  ]);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/admin/shops" className="text-brand-700 hover:underline">
          ← Shops
        </Link>
      </nav>
      <PageHeader
        title={shop.name}
        description={`${shop.slug} · ${shop.currency} · ${shop.country} · created ${shop.createdAt.toISOString().slice(0, 10)}`}
        actions={<ConnectBadge status={shop.connectStatus} />}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Members" />
          <CardBody>
            <ul className="space-y-1 text-sm">
              {members.map((m) => (
                <li key={m.id}>
                  <span className="font-medium">{m.name}</span> · {m.email} · {m.role}
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Suspension"
            description="A suspended shop keeps its storefront visible with a notice, but checkout is refused."
          />
          <CardBody className="space-y-4">
            {shop.suspendedAt ? (
              <>
                <Alert
                  tone="error"
                  title={`Suspended since ${shop.suspendedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}
                >
                  Reason: {shop.suspensionReason}
                </Alert>
                <InlineAction
                  action={reinstateShopAction}
                  fields={{ shopId: shop.id }}
                  label="Reinstate shop"
                  pendingLabel="Reinstating…"
                />
              </>
            ) : (
              <SuspendForm shopId={shop.id} shopName={shop.name} />
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Fee override"
            description="Applies to this shop's new checkouts only."
          />
          <CardBody>
            <FeeOverrideForm
              shopId={shop.id}
              current={{
                feePercent: bpsToPercentString(feeOverride?.feePercentBps),
                feeFixed: minorToString(feeOverride?.feeFixed),
                feeMin: minorToString(feeOverride?.feeMin),
                feeMax: minorToString(feeOverride?.feeMax),
              }}
              defaults={{
                feePercent: bpsToPercentString(settings.feePercentBps),
                feeFixed: minorToString(settings.feeFixed),
                feeMin: minorToString(settings.feeMin),
                feeMax: minorToString(settings.feeMax),
              }}
            />
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Recent audit entries"
            actions={
              <Link
                href={`/admin/audit?shop=${shop.id}`}
                className="text-sm text-brand-700 hover:underline"
              >
                All entries
              </Link>
            }
          />
          <CardBody>
            {audit.rows.length === 0 ? (
              <p className="text-sm text-zinc-600">Nothing recorded for this shop yet.</p>
            ) : (
              <ul className="divide-y divide-zinc-200 text-sm">
                {audit.rows.slice(0, 10).map((row) => (
                  <li key={row.id} className="py-2">
                    <span className="font-medium">{row.action}</span> by{" "}
                    {row.actorEmail ?? "system"} ·{" "}
                    <time dateTime={row.createdAt.toISOString()}>
                      {row.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
