import Link from "next/link";
import type { EmailRow } from "@/db/schema";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CardList } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";

export const KIND_LABELS: Record<string, string> = {
  order_confirmation: "Order confirmation",
  new_order: "New order notice",
  shipping_notice: "Shipping notice",
  shop_invitation: "Member invitation",
  connect_deadline: "Stripe deadline reminder",
};

const STATUS: Record<EmailRow["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "neutral" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed, will retry", tone: "warning" },
  sending: { label: "Sending", tone: "neutral" },
  dead: { label: "Undeliverable", tone: "danger" },
  logged: { label: "Logged (not sent)", tone: "info" },
};

export function EmailStatusBadge({ status }: { status: EmailRow["status"] }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

type ListItem = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: EmailRow["status"];
  createdAt: Date;
  shopName: string | null;
};

export function OutboxList({
  items,
  hrefFor,
  showShop,
}: {
  items: ListItem[];
  hrefFor: (id: string) => string;
  showShop?: boolean;
}) {
  if (items.length === 0) {
    return (
      <EmptyState
        title="No e-mails yet"
        description="Order confirmations, new-order notices and shipping notices appear here."
      />
    );
  }
  return (
    <CardList className="divide-zinc-100 text-sm">
      {items.map((m) => (
        <li key={m.id} className="px-4 py-3 hover:bg-zinc-50">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Link
              href={hrefFor(m.id)}
              className="min-w-0 font-medium break-words text-zinc-900 hover:text-brand-700 hover:underline"
            >
              {m.subject}
            </Link>
            <EmailStatusBadge status={m.status} />
          </div>
          <p className="mt-0.5 text-zinc-600">
            {KIND_LABELS[m.kind] ?? m.kind} · to <span className="break-all">{m.to}</span>
            {showShop && m.shopName ? ` · ${m.shopName}` : ""} ·{" "}
            <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
          </p>
        </li>
      ))}
    </CardList>
  );
}

export function OutboxMessage({
  message,
  shopName,
}: {
  message: EmailRow;
  shopName: string | null;
}) {
  return (
    <Card>
      <CardHeader
        title={message.subject}
        description={KIND_LABELS[message.kind] ?? message.kind}
        actions={<EmailStatusBadge status={message.status} />}
      />
      <CardBody className="space-y-4 text-sm">
        <dl className="grid gap-2 sm:grid-cols-[8rem_1fr]">
          <dt className="text-zinc-600">To</dt>
          <dd className="break-all">{message.to}</dd>
          {shopName ? (
            <>
              <dt className="text-zinc-600">Shop</dt>
              <dd>{shopName}</dd>
            </>
          ) : null}
          <dt className="text-zinc-600">Queued</dt>
          <dd>{formatDateTime(message.createdAt)}</dd>
          <dt className="text-zinc-600">Delivered</dt>
          <dd>
            {message.status === "sent" && message.sentAt
              ? `${formatDateTime(message.sentAt)} via SMTP`
              : message.status === "logged"
                ? "Not sent: no SMTP server is configured, so the message is only kept here."
                : message.status === "failed"
                  ? `Failed after ${message.attempts} attempt${message.attempts === 1 ? "" : "s"}: ${message.error ?? "unknown error"}`
                  : "Waiting to be sent."}
          </dd>
        </dl>
        <div>
          <h3 className="mb-1 font-medium text-zinc-800">Message (plain text)</h3>
          <pre className="overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-sans text-sm whitespace-pre-wrap text-zinc-900">
            {message.text}
          </pre>
        </div>
      </CardBody>
    </Card>
  );
}
