// The outbox with SMTP configured: a tiny in-process SMTP server receives what nodemailer sends.
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";

type Received = { from: string; to: string[]; data: string };
const received: Received[] = [];

/** Just enough SMTP (RFC 5321) for nodemailer: EHLO, MAIL, RCPT, DATA, QUIT. */
const server = net.createServer((socket) => {
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
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const { queueEmail, deliverEmail } = await import("./outbox");
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
    const saved = await row(id);
    expect(saved.status).toBe("failed");
    expect(saved.error).toMatch(/550|No such user|recipients/i);
    expect(received.some((r) => r.data.includes("New order"))).toBe(false);
  });
});
