import type { StripeEventOutcome } from "@/lib/types";
import { Badge } from "@/components/ui/badge";

export function EventOutcomeBadge({ outcome }: { outcome: StripeEventOutcome | null }) {
  if (outcome === "processed") return <Badge tone="success">Processed</Badge>;
  if (outcome === "ignored") return <Badge tone="neutral">Ignored</Badge>;
  if (outcome === "failed") return <Badge tone="danger">Failed</Badge>;
  if (outcome === "already_handled") return <Badge tone="success">Already handled</Badge>;
  return <Badge tone="warning">Not processed</Badge>;
}
