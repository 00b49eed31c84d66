import { Badge } from "@/components/ui/badge";

type BadgeOrder = {
  status: "pending" | "paid" | "expired" | "failed";
  fulfillmentStatus: "unfulfilled" | "fulfilled";
  total: number;
  refundedAmount: number;
  disputeId: string | null;
};

/** Payment, refund, fulfilment and dispute state of an order as badges. */
export function OrderBadges({ order }: { order: BadgeOrder }) {
  const badges: { label: string; tone: Parameters<typeof Badge>[0]["tone"] }[] = [];
  if (order.disputeId) badges.push({ label: "Disputed", tone: "danger" });
  if (order.status === "pending") badges.push({ label: "Pending payment", tone: "neutral" });
  if (order.status === "expired") badges.push({ label: "Expired", tone: "neutral" });
  if (order.status === "failed") badges.push({ label: "Payment failed", tone: "danger" });
  if (order.status === "paid") {
    if (order.refundedAmount >= order.total && order.refundedAmount > 0) {
      badges.push({ label: "Refunded", tone: "neutral" });
    } else {
      if (order.refundedAmount > 0) badges.push({ label: "Partially refunded", tone: "warning" });
      else badges.push({ label: "Paid", tone: "success" });
      badges.push(
        order.fulfillmentStatus === "fulfilled"
          ? { label: "Fulfilled", tone: "info" }
          : { label: "Unfulfilled", tone: "warning" },
      );
    }
  }
  return (
    <span className="flex flex-wrap gap-1">
      {badges.map((b) => (
        <Badge key={b.label} tone={b.tone}>
          {b.label}
        </Badge>
      ))}
    </span>
  );
}
