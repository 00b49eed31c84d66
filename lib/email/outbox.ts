import "server-only";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb, type Executor } from "@/db/client";
import { enqueue, QUEUES } from "@/db/queue";
import { emailOutbox } from "@/db/schema";
import { env } from "@/lib/env";

export type QueueEmailInput = {
  /** One message per key, ever: queueing the same key again changes nothing. */
  dedupeKey: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  shopId?: string | null;
  orderId?: string | null;
};

let transport: { url: string; transporter: Transporter } | undefined;

function smtpTransport(url: string) {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/**
 * Inserts the message once (by dedupe key) and enqueues its delivery job in the same
 * transaction (the caller's, when `db` is a transaction): a message exists exactly when its
 * job does. The worker sends it (deliverEmail), retrying with backoff. Returns the row id and
 * whether this call created it.
 */
export async function queueEmail(
  input: QueueEmailInput,
  opts: { db?: Executor } = {},
): Promise<{ id: string; created: boolean }> {
  const run = async (db: Executor) => {
    const [row] = await db
      .insert(emailOutbox)
      .values({
        dedupeKey: input.dedupeKey,
        kind: input.kind,
        to: input.to,
        subject: input.subject,
        text: input.text,
        html: input.html ?? null,
        shopId: input.shopId ?? null,
        orderId: input.orderId ?? null,
      })
      .onConflictDoNothing({ target: emailOutbox.dedupeKey })
      .returning({ id: emailOutbox.id });
    if (row) {
      await enqueue(db, QUEUES.email, { emailId: row.id });
      return { id: row.id, created: true };
    }
    const [existing] = await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, input.dedupeKey))
      .limit(1);
    return { id: existing!.id, created: false };
  };
  return opts.db ? run(opts.db) : getDb().transaction((tx) => run(tx));
}

export type DeliveryResult = "sent" | "failed" | "dead" | "logged" | "skipped";

/** How long one worker holds a message while it talks to the SMTP server. */
const SEND_LEASE_SECONDS = 120;

/**
 * One delivery attempt (the e-mail job). Claims the row first (queued/failed, or a `sending`
 * claim whose worker died), so two workers never send the same message. Through SMTP when
 * SMTP_URL is configured; without SMTP the message is marked `logged` and only shown on the
 * outbox pages. A failed attempt is `failed` (the job is retried with backoff), or `dead` when
 * it was the last try (`final`).
 */
export async function deliverEmail(
  id: string,
  opts: { final?: boolean } = {},
): Promise<DeliveryResult> {
  const db = getDb();
  const { SMTP_URL, MAIL_FROM } = env();
  const [claimed] = await db
    .update(emailOutbox)
    .set({
      status: "sending",
      attempts: sql`${emailOutbox.attempts} + 1`,
      lastAttemptAt: sql`now()`,
      claimedUntil: sql`now() + make_interval(secs => ${SEND_LEASE_SECONDS})`,
    })
    .where(
      and(
        eq(emailOutbox.id, id),
        or(
          inArray(emailOutbox.status, ["queued", "failed"]),
          and(eq(emailOutbox.status, "sending"), lt(emailOutbox.claimedUntil, sql`now()`)),
        ),
      ),
    )
    .returning();
  if (!claimed) return "skipped";
  const finish = (set: Partial<typeof emailOutbox.$inferInsert>) =>
    db
      .update(emailOutbox)
      .set({ ...set, claimedUntil: null })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "sending")));
  if (!SMTP_URL) {
    await finish({ status: "logged", sentAt: new Date(), error: null });
    return "logged";
  }
  try {
    await smtpTransport(SMTP_URL).sendMail({
      from: MAIL_FROM,
      to: claimed.to,
      subject: claimed.subject,
      text: claimed.text,
      ...(claimed.html ? { html: claimed.html } : {}),
    });
    await finish({ status: "sent", sentAt: new Date(), error: null });
    return "sent";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = opts.final ? "dead" : "failed";
    await finish({ status, error: message.slice(0, 500) });
    return status;
  }
}

/**
 * The admin's "retry" on an undeliverable (dead) or failed message: back to `queued` with a
 * fresh delivery job, in one transaction. False when the message is not retryable.
 */
export async function requeueEmail(id: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(emailOutbox)
      .set({ status: "queued", error: null, claimedUntil: null })
      .where(and(eq(emailOutbox.id, id), inArray(emailOutbox.status, ["dead", "failed"])))
      .returning({ id: emailOutbox.id });
    if (!row) return false;
    await enqueue(tx, QUEUES.email, { emailId: row.id });
    return true;
  });
}
