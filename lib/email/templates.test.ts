import { describe, expect, it } from "vitest";
import { newOrderEmail, orderConfirmationEmail, shippingNoticeEmail } from "./templates";

const order = {
  number: 1042,
  currency: "USD",
  total: 3600,
  shopName: "Kai's <Coffee>",
  customerName: "Ana <script>",
  email: "ana@example.com",
  items: [{ productName: "Kochere", variantLabel: "250 g", quantity: 2, unitPrice: 1800 }],
};

describe("e-mail templates", () => {
  it("the confirmation has the items, total and the signed link; HTML is escaped", () => {
    const m = orderConfirmationEmail(order, "http://localhost:3000/s/kai/orders/abc.def");
    expect(m.subject).toBe("Your order #1042 from Kai's <Coffee>");
    expect(m.text).toContain("2 × Kochere (250 g) — $36.00");
    expect(m.text).toContain("Total: $36.00");
    expect(m.text).toContain("http://localhost:3000/s/kai/orders/abc.def");
    expect(m.html).toContain("Ana &lt;script&gt;");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("Kai&#39;s &lt;Coffee&gt;");
  });

  it("the merchant notice and the shipping notice", () => {
    expect(newOrderEmail(order, "http://x/dashboard").subject).toBe("New order #1042 — $36.00");
    const s = shippingNoticeEmail(order, { carrier: "UPS", trackingNumber: "1Z999" }, "http://x/o");
    expect(s.text).toContain("Carrier: UPS");
    expect(s.text).toContain("Tracking number: 1Z999");
    expect(s.text).toContain("http://x/o");
  });
});
