import type { Metadata } from "next";
import { getPlatformSettings } from "@/db/queries/platform";
import { bpsToPercentString, minorToString } from "@/lib/admin/format";
import { requireAdmin } from "@/lib/auth/session";
import { PlatformSettingsForm } from "@/components/admin/platform-settings-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Fees & checkout" };

export default async function AdminFeesPage() {
  await requireAdmin();
  const s = await getPlatformSettings();
  return (
    <>
      <PageHeader
        title="Fees & checkout"
        description="Changes apply to new checkouts only and are recorded in the audit log. Per-shop overrides live on each shop's page."
      />
      <Card>
        <CardBody className="py-6">
          <PlatformSettingsForm
            current={{
              feePercent: bpsToPercentString(s.feePercentBps),
              feeFixed: minorToString(s.feeFixed),
              feeMin: minorToString(s.feeMin),
              feeMax: minorToString(s.feeMax),
              feeRefundPolicy: s.feeRefundPolicy,
              checkoutMode: s.checkoutMode,
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
