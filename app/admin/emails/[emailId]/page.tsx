import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isUuid } from "@/db/queries/catalog";
import { getOutboxMessage } from "@/db/queries/orders";
import { requireAdmin } from "@/lib/auth/session";
import { OutboxMessage } from "@/app/dashboard/[shop]/emails/_components/outbox";

export const metadata: Metadata = { title: "E-mail" };

export default async function AdminEmailPage({ params }: { params: Promise<{ emailId: string }> }) {
  await requireAdmin();
  const { emailId } = await params;
  if (!isUuid(emailId)) notFound();
  const row = await getOutboxMessage(emailId);
  if (!row) notFound();
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/admin/emails" className="text-zinc-600 hover:text-zinc-900">
          ← E-mail outbox
        </Link>
      </p>
      <OutboxMessage message={row.message} shopName={row.shopName} />
    </>
  );
}
