import { Badge } from "@/components/ui/badge";

const TONES = { active: "success", draft: "neutral", archived: "warning" } as const;
const LABELS = { active: "Active", draft: "Draft", archived: "Archived" } as const;

export function ProductStatusBadge({ status }: { status: "draft" | "active" | "archived" }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
