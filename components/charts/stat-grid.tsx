import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

export type Stat = { label: string; value: ReactNode; hint?: ReactNode };

/** Key figures as a definition list of cards. */
export function StatGrid({ stats }: { stats: Stat[] }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {stats.map((s) => (
        <Card key={s.label} className="p-5">
          <dt className="text-sm text-zinc-600">{s.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{s.value}</dd>
          {s.hint ? <dd className="mt-1 text-xs text-zinc-600">{s.hint}</dd> : null}
        </Card>
      ))}
    </dl>
  );
}
