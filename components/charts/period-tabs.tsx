import Link from "next/link";
import { PERIODS, type PeriodDays } from "@/lib/analytics/period";
import { cn } from "@/components/ui/cn";

/** A segmented control of links: the period lives in the URL (`?period=`). */
export function PeriodTabs({
  current,
  basePath,
  params = {},
}: {
  current: PeriodDays;
  basePath: string;
  params?: Record<string, string | undefined>;
}) {
  return (
    <nav aria-label="Period">
      <ul className="inline-flex rounded-lg border border-zinc-300 bg-white p-0.5 text-sm">
        {PERIODS.map((p) => {
          const q = new URLSearchParams();
          for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
          q.set("period", String(p));
          return (
            <li key={p}>
              <Link
                href={`${basePath}?${q.toString()}`}
                aria-current={p === current ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
                  p === current ? "bg-brand-600 text-white" : "text-zinc-700 hover:bg-zinc-100",
                )}
              >
                {p} days
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
