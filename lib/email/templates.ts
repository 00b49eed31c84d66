import { escapeHtml } from "@/lib/html";
import { formatMoney } from "@/lib/money";

/** Plain-text and HTML bodies for Bazaar's e-mails. Pure: unit-testable, no I/O. */
export type EmailContent = { subject: string; text: string; html: string };

export type EmailOrder = {
  number: number;
  currency: string;
  total: number;
  shopName: string;
  customerName: string | null;
  email: string | null;
  items: { productName: string; variantLabel: string; quantity: number; unitPrice: number }[];
};

export { escapeHtml };

function itemLines(order: EmailOrder) {
  return order.items.map((i) => {
    const name = i.variantLabel ? `${i.productName} (${i.variantLabel})` : i.productName;
    return {
      name,
      text: `${i.quantity} × ${name} — ${formatMoney(i.unitPrice * i.quantity, order.currency)}`,
    };
  });
}

function wrapHtml(body: string) {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#18181b;line-height:1.5">${body}</body></html>`;
}

export function orderConfirmationEmail(order: EmailOrder, orderUrl: string): EmailContent {
  const lines = itemLines(order);
  const total = formatMoney(order.total, order.currency);
  const greeting = order.customerName ? `Hi ${order.customerName},` : "Hi,";
  return {
    subject: `Your order #${order.number} from ${order.shopName}`,
    text: [
      greeting,
      "",
      `Thank you for your order from ${order.shopName}. We have received your payment.`,
      "",
      ...lines.map((l) => l.text),
      `Total: ${total}`,
      "",
      `Follow your order (no account needed): ${orderUrl}`,
    ].join("\n"),
    html: wrapHtml(
      `<p>${escapeHtml(greeting)}</p><p>Thank you for your order from ${escapeHtml(order.shopName)}. We have received your payment.</p>` +
        `<ul>${lines.map((l) => `<li>${escapeHtml(l.text)}</li>`).join("")}</ul>` +
        `<p><strong>Total: ${escapeHtml(total)}</strong></p>` +
        `<p><a href="${escapeHtml(orderUrl)}">View your order #${order.number}</a></p>`,
    ),
  };
}

export function newOrderEmail(order: EmailOrder, dashboardUrl: string): EmailContent {
  const lines = itemLines(order);
  const total = formatMoney(order.total, order.currency);
  const who = order.email ?? "a shopper";
  return {
    subject: `New order #${order.number} — ${total}`,
    text: [
      `${order.shopName} has a new paid order #${order.number} from ${who}.`,
      "",
      ...lines.map((l) => l.text),
      `Total: ${total}`,
      "",
      `Open it in your dashboard: ${dashboardUrl}`,
    ].join("\n"),
    html: wrapHtml(
      `<p>${escapeHtml(order.shopName)} has a new paid order #${order.number} from ${escapeHtml(who)}.</p>` +
        `<ul>${lines.map((l) => `<li>${escapeHtml(l.text)}</li>`).join("")}</ul>` +
        `<p><strong>Total: ${escapeHtml(total)}</strong></p>` +
        `<p><a href="${escapeHtml(dashboardUrl)}">Open order #${order.number}</a></p>`,
    ),
  };
}

export function shippingNoticeEmail(
  order: EmailOrder,
  shipment: { carrier: string; trackingNumber: string },
  orderUrl: string,
): EmailContent {
  const greeting = order.customerName ? `Hi ${order.customerName},` : "Hi,";
  return {
    subject: `Your order #${order.number} from ${order.shopName} has shipped`,
    text: [
      greeting,
      "",
      `Good news: ${order.shopName} has shipped your order #${order.number}.`,
      `Carrier: ${shipment.carrier}`,
      `Tracking number: ${shipment.trackingNumber}`,
      "",
      `Follow your order: ${orderUrl}`,
    ].join("\n"),
    html: wrapHtml(
      `<p>${escapeHtml(greeting)}</p><p>Good news: ${escapeHtml(order.shopName)} has shipped your order #${order.number}.</p>` +
        `<p>Carrier: ${escapeHtml(shipment.carrier)}<br>Tracking number: ${escapeHtml(shipment.trackingNumber)}</p>` +
        `<p><a href="${escapeHtml(orderUrl)}">Follow your order</a></p>`,
    ),
  };
}

export type EmailInvitation = {
  shopName: string;
  inviterName: string;
  role: "owner" | "staff";
  expiresAt: Date;
};

/** An owner's invitation to join a shop; the link works once, until `expiresAt`. */
export function invitationEmail(inv: EmailInvitation, acceptUrl: string): EmailContent {
  const what =
    inv.role === "owner"
      ? "as an owner (full access, including payments and members)"
      : "as staff (products, collections, orders and fulfilment)";
  const until = inv.expiresAt.toUTCString().replace(/:\d\d GMT$/, " UTC");
  return {
    subject: `${inv.inviterName} invited you to ${inv.shopName} on Bazaar`,
    text: [
      "Hi,",
      "",
      `${inv.inviterName} invited you to help run ${inv.shopName} ${what}.`,
      "",
      `Accept the invitation: ${acceptUrl}`,
      "",
      `Sign in with this e-mail address, or create an account with it. The link works once and expires on ${until}.`,
      "If you were not expecting this, ignore this message: nothing happens unless you accept.",
    ].join("\n"),
    html: wrapHtml(
      `<p>Hi,</p><p>${escapeHtml(inv.inviterName)} invited you to help run <strong>${escapeHtml(inv.shopName)}</strong> ${escapeHtml(what)}.</p>` +
        `<p><a href="${escapeHtml(acceptUrl)}">Accept the invitation</a></p>` +
        `<p>Sign in with this e-mail address, or create an account with it. The link works once and expires on ${escapeHtml(until)}.</p>` +
        `<p style="color:#52525b">If you were not expecting this, ignore this message: nothing happens unless you accept.</p>`,
    ),
  };
}

/** To a merchant before Stripe's deadline for the information their account still needs. */
export function connectDeadlineEmail(
  input: { shopName: string; deadline: Date; due: string[] },
  paymentsUrl: string,
): EmailContent {
  const when = input.deadline.toLocaleDateString("en-US", {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
  const items = input.due.slice(0, 8).map((d) => d.replace(/[._]+/g, " "));
  return {
    subject: `Action needed by ${when}: ${input.shopName}'s Stripe account needs information`,
    text: [
      "Hi,",
      "",
      `Stripe needs more information about ${input.shopName} by ${when}. If it is not provided in time, Stripe may pause charges or payouts for the shop.`,
      "",
      "Still needed:",
      ...items.map((i) => `- ${i}`),
      "",
      `Provide it here: ${paymentsUrl}`,
    ].join("\n"),
    html: wrapHtml(
      `<p>Hi,</p><p>Stripe needs more information about ${escapeHtml(input.shopName)} by <strong>${escapeHtml(when)}</strong>. If it is not provided in time, Stripe may pause charges or payouts for the shop.</p>` +
        `<p>Still needed:</p><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>` +
        `<p><a href="${escapeHtml(paymentsUrl)}">Provide the information</a></p>`,
    ),
  };
}
