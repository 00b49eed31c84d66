import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { replayEventAction } from "@/app/admin/actions";
import { getStripeEventForAdmin } from "@/db/queries/admin-events";
import { eventIdSchema } from "@/lib/admin/validation";
import { requireAdmin } from "@/lib/auth/session";
import { EventOutcomeBadge } from "@/components/admin/event-outcome-badge";
import { InlineAction } from "@/components/admin/inline-action";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Stripe event" };

const stamp = (d: Date | null) =>
  d ? d.toISOString().slice(0, 19).replace("T", " ") + " UTC" : "—";

export default async function AdminEventPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const parsed = eventIdSchema.safeParse({ eventId: id });
  if (!parsed.success) notFound();
  const data = await getStripeEventForAdmin(parsed.data.eventId);
  if (!data) notFound();
  const { event, shops } = data;
  // React escapes the text: the payload is shown, never interpreted as markup.
  const pretty = JSON.stringify(event.payload, null, 2);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/admin/events" className="text-brand-700 hover:underline">
          ← Stripe events
        </Link>
      </nav>
      <PageHeader
        title={<span className="font-mono break-all">{event.type}</span>}
        description={<span className="font-mono break-all">{event.id}</span>}
        actions={<EventOutcomeBadge outcome={event.outcome} />}
      />
      <div className="space-y-6">
        {event.error ? (
          <Alert tone="error" title="The handler failed">
            <span className="font-mono break-all">{event.error}</span>
          </Alert>
        ) : null}
        <Card>
          <CardHeader
            title="Handling"
            description="Replay queues the stored event for the worker, which runs the same handler again under the same exclusive claim. Handlers are idempotent: replaying a processed event changes nothing."
          />
          <CardBody className="space-y-4">
            <dl className="grid gap-4 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-zinc-600">Source</dt>
                <dd className="mt-0.5 font-medium">
                  {event.source === "connect" ? "Connect endpoint" : "Platform endpoint"}
                </dd>
              </div>
              <div>
                <dt className="text-zinc-600">Account</dt>
                <dd className="mt-0.5 font-mono break-all">{event.account ?? "Platform"}</dd>
              </div>
              <div>
                <dt className="text-zinc-600">Shop</dt>
                <dd className="mt-0.5">
                  {shops.length === 0
                    ? "—"
                    : shops.map((s) => (
                        <Link
                          key={s.id}
                          href={`/admin/shops/${s.id}`}
                          className="mr-2 text-brand-700 hover:underline"
                        >
                          {s.name}
                        </Link>
                      ))}
                </dd>
              </div>
              <div>
                <dt className="text-zinc-600">Created at Stripe</dt>
                <dd className="mt-0.5">{stamp(event.created)}</dd>
              </div>
              <div>
                <dt className="text-zinc-600">Received</dt>
                <dd className="mt-0.5">{stamp(event.receivedAt)}</dd>
              </div>
              <div>
                <dt className="text-zinc-600">Processed · attempts</dt>
                <dd className="mt-0.5">
                  {stamp(event.processedAt)} · {event.attempts}
                </dd>
              </div>
              <div>
                <dt className="text-zinc-600">Received through</dt>
                <dd className="mt-0.5">
                  {event.receivedVia === "reconciliation"
                    ? "Reconciliation sweep (the webhook never arrived)"
                    : "Webhook delivery"}
                </dd>
              </div>
              <div>
                <dt className="text-zinc-600">Processed by</dt>
                <dd className="mt-0.5 font-mono break-all">{event.processedBy ?? "—"}</dd>
              </div>
            </dl>
            <InlineAction
              action={replayEventAction}
              fields={{ eventId: event.id }}
              label="Replay event"
              pendingLabel="Replaying…"
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Payload" />
          <CardBody>
            <pre
              tabIndex={0}
              aria-label="Event payload (JSON)"
              className="max-h-[32rem] overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {pretty}
            </pre>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
