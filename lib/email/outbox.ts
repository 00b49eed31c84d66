import "server-only";
import { and, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb, type Executor } from "@/db/client";
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
 * Inserts the message once (by dedupe key) and delivers it. Returns the row id and whether this
 * call created it. Pass `deliver: false` to only queue (e.g. inside a transaction; call
 * deliverEmail after commit).
 */
export async function queueEmail(
  input: QueueEmailInput,
  opts: { db?: Executor; deliver?: boolean } = {},
): Promise<{ id: string; created: boolean }> {
  const db = opts.db ?? getDb();
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
    if (opts.deliver !== false) await deliverEmail(row.id);
    return { id: row.id, created: true };
  }
  const [existing] = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, input.dedupeKey))
    .limit(1);
  return { id: existing!.id, created: false };
}

/**
 * Sends a queued message through SMTP when SMTP_URL is configured (sent / failed); without SMTP
 * it is marked `logged` and only shown on the outbox pages. Claims the row first so two callers
 * never send the same message twice.
 */
export async function deliverEmail(id: string): Promise<"sent" | "failed" | "logged" | "skipped"> {
  const db = getDb();
  const { SMTP_URL, MAIL_FROM } = env();
  const [claimed] = await db
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1` })
    .where(
      and(
        eq(emailOutbox.id, id),
        sql`${emailOutbox.status} in ('queued', 'failed')`,
        sql`${emailOutbox.attempts} < 5`,
      ),
    )
    .returning();
  if (!claimed) return "skipped";
  if (!SMTP_URL) {
    await db
      .update(emailOutbox)
      .set({ status: "logged", sentAt: new Date(), error: null })
      .where(eq(emailOutbox.id, id));
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
    await db
      .update(emailOutbox)
      .set({ status: "sent", sentAt: new Date(), error: null })
      .where(eq(emailOutbox.id, id));
    return "sent";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(emailOutbox)
      .set({ status: "failed", error: message.slice(0, 500) })
      .where(eq(emailOutbox.id, id));
    return "failed";
  }
}
