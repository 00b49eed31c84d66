import type { ConnectStatus } from "@/lib/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const labels: Record<ConnectStatus, [string, BadgeTone]> = {
  not_connected: ["Not connected", "neutral"],
  onboarding: ["Onboarding", "info"],
  under_review: ["Under review", "info"],
  active: ["Active", "success"],
  restricted: ["Restricted", "warning"],
  disconnected: ["Disconnected", "danger"],
  rejected: ["Rejected", "danger"],
};

export function ConnectBadge({ status }: { status: ConnectStatus }) {
  const [label, tone] = labels[status];
  return <Badge tone={tone}>{label}</Badge>;
}
