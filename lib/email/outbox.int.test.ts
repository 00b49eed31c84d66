// The outbox with SMTP configured: a tiny in-process SMTP server receives what nodemailer sends.
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";

type Received = { from: string; to: string[]; data: string };
const received: Received[] = [];

/** Just enough SMTP (RFC 5321) for nodemailer: EHLO, MAIL, RCPT, DATA, QUIT. */
/** While true the server hangs up on every connection (SMTP "down"). */
let down = false;
const server = net.createServer((socket) => {
  if (down) {
    socket.destroy();
    return;
  }
  let current: Received = { from: "", to: [], data: "" };
  let inData = false;
  let buffer = "";
  socket.write("220 test ESMTP\r\n");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let idx: number;
    while ((idx = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      if (inData) {
        if (line === ".") {
          inData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 OK queued\r\n");
        } else current.data += `${line}\n`;
        continue;
      }
      const cmd = line.slice(0, 4).toUpperCase();
      if (cmd === "EHLO" || cmd === "HELO") socket.write("250-test\r\n250 8BITMIME\r\n");
      else if (cmd === "MAIL") {
        current.from = line;
        socket.write("250 OK\r\n");
      } else if (cmd === "RCPT") {
        if (line.includes("reject@")) socket.write("550 No such user\r\n");
        else {
          current.to.push(line);
          socket.write("250 OK\r\n");
        }
      } else if (cmd === "DATA") {
        inData = true;
        socket.write("354 End with .\r\n");
      } else if (cmd === "QUIT") {
        socket.end("221 Bye\r\n");
      } else socket.write("250 OK\r\n");
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as net.AddressInfo).port;
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
process.env.MAIL_FROM = "Bazaar <orders@bazaar.test>";
// Three tries, then the message is dead-lettered (the queue's retry limit follows this).
process.env.EMAIL_MAX_ATTEMPTS = "3";
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const { queueEmail, deliverEmail, requeueEmail } = await import("./outbox");
const { runJobs } = await import("@/lib/testing/jobs");
const { QUEUES } = await import("@/db/queue");
const { getDatabaseHandle } = await import("@/db/client");
const { getDb } = await import("@/db/client");
const { emailOutbox } = await import("@/db/schema");

async function row(id: string) {
  const [r] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return r!;
}

describe("e-mail outbox with SMTP", () => {
  it("sends once per dedupe key and marks the message sent", async () => {
    const input = {
      dedupeKey: "test:sent",
      kind: "order_confirmation",
      to: "shopper@example.com",
      subject: "Your order #1001",
      text: "Thank you.",
      html: "<p>Thank you.</p>",
    };
    const first = await queueEmail(input);
    const second = await queueEmail({ ...input, subject: "changed" });
    // Queued with its job in one transaction; the worker sends it.
    expect(received).toHaveLength(0);
    expect((await row(first.id)).status).toBe("queued");
    await runJobs();
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(received).toHaveLength(1);
    expect(received[0]!.to[0]).toContain("shopper@example.com");
    expect(received[0]!.from).toContain("orders@bazaar.test");
    expect(received[0]!.data).toContain("Subject: Your order #1001");
    const saved = await row(first.id);
    expect(saved).toMatchObject({ status: "sent", attempts: 1, subject: "Your order #1001" });
    expect(saved.sentAt).toBeInstanceOf(Date);
    // Delivering a sent message again does nothing.
    expect(await deliverEmail(first.id)).toBe("skipped");
    expect(received).toHaveLength(1);
  });

  it("records a refused delivery as failed with the server's answer", async () => {
    const { id } = await queueEmail({
      dedupeKey: "test:failed",
      kind: "new_order",
      to: "reject@example.com",
      subject: "New order",
      text: "…",
    });
    await runJobs();
    const saved = await row(id);
    expect(saved.status).toBe("failed");
    expect(saved.error).toMatch(/550|No such user|recipients/i);
    expect(received.some((r) => r.data.includes("New order"))).toBe(false);
  });

  it("retries with backoff while SMTP is down and delivers once it is back", async () => {
    const before = received.length;
    down = true;
    const { id } = await queueEmail({
      dedupeKey: "test:down-then-up",
      kind: "order_confirmation",
      to: "patient@example.com",
      subject: "Order #1002",
      text: "Thanks.",
    });
    await runJobs();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
    const [job] = await emailJobs(id);
    expect(job).toMatchObject({ state: "retry" });
    // Backoff: the retry waits (30 s by default, doubling).
    expect(new Date(job!.start_after as string).getTime()).toBeGreaterThan(Date.now() + 5_000);
    down = false;
    await runJobs(undefined, true);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect(received.length - before).toBe(1);
    await runJobs(undefined, true);
    expect(received.length - before).toBe(1);
  });

  it("dead-letters a message after the last try; the admin's retry delivers it", async () => {
    const before = received.length;
    down = true;
    const { id } = await queueEmail({
      dedupeKey: "test:dead",
      kind: "new_order",
      to: "merchant@example.com",
      subject: "New order #1003",
      text: "…",
    });
    for (let i = 0; i < 3; i++) await runJobs(undefined, true);
    const dead = await row(id);
    expect(dead).toMatchObject({ status: "dead", attempts: 3 });
    expect(dead.error).toBeTruthy();
    expect(await emailJobs(id)).toEqual([expect.objectContaining({ state: "failed" })]);
    // Nothing runs it again by itself.
    await runJobs(undefined, true);
    expect((await row(id)).attempts).toBe(3);

    down = false;
    expect(await requeueEmail(id)).toBe(true);
    expect(await requeueEmail(id)).toBe(false); // already queued
    await runJobs();
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 4 });
    expect(received.length - before).toBe(1);
  });

  it("lets one of two racing workers send, and takes over a claim whose worker died", async () => {
    const before = received.length;
    const { id } = await queueEmail({
      dedupeKey: "test:race",
      kind: "order_confirmation",
      to: "race@example.com",
      subject: "Order #1004",
      text: "…",
    });
    const results = await Promise.all([deliverEmail(id), deliverEmail(id)]);
    expect(results.sort()).toEqual(["sent", "skipped"]);
    expect(received.length - before).toBe(1);

    const stuck = await queueEmail({
      dedupeKey: "test:stuck",
      kind: "order_confirmation",
      to: "stuck@example.com",
      subject: "Order #1005",
      text: "…",
    });
    await getDb()
      .update(emailOutbox)
      .set({ status: "sending", claimedUntil: new Date(Date.now() + 60_000) })
      .where(eq(emailOutbox.id, stuck.id));
    expect(await deliverEmail(stuck.id)).toBe("skipped"); // another worker holds it
    await getDb()
      .update(emailOutbox)
      .set({ claimedUntil: new Date(Date.now() - 1000) })
      .where(eq(emailOutbox.id, stuck.id));
    expect(await deliverEmail(stuck.id)).toBe("sent");
  });
});

async function emailJobs(emailId: string) {
  const { rows } = await getDatabaseHandle().executeSql(
    `select state, start_after from pgboss.job where name = $1 and data->>'emailId' = $2`,
    [QUEUES.email, emailId],
  );
  return rows;
}
