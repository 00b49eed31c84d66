import { formatMoney } from "@/lib/money";

export type BarDatum = { day: string; amount: number };

const W = 720;
const H = 220;
const PAD = { top: 8, right: 4, bottom: 4, left: 4 };

function shortDay(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * Daily amounts as SVG bars. The picture is labelled with a one-line summary, and the same
 * numbers are available as a table (collapsed by default) for screen readers and keyboard users.
 */
export function DailyBarChart({
  id,
  title,
  data,
  currency,
}: {
  id: string;
  title: string;
  data: BarDatum[];
  currency: string;
}) {
  const max = Math.max(0, ...data.map((d) => d.amount));
  const total = data.reduce((s, d) => s + d.amount, 0);
  const best = data.reduce<BarDatum | null>((b, d) => (!b || d.amount > b.amount ? d : b), null);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = data.length ? innerW / data.length : innerW;
  const barW = Math.max(1, slot * 0.7);
  const ticks = data.length
    ? [...new Set([0, Math.floor((data.length - 1) / 2), data.length - 1])].map((i) => data[i]!)
    : [];
  const summary =
    total === 0
      ? `No sales in these ${data.length} days.`
      : `Total ${formatMoney(total, currency)} over ${data.length} days; best day ${best ? shortDay(best.day) : ""} with ${formatMoney(best?.amount ?? 0, currency)}.`;

  return (
    <figure className="space-y-3">
      <figcaption id={`${id}-title`} className="text-sm font-medium text-zinc-800">
        {title}
        <span id={`${id}-desc`} className="block font-normal text-zinc-600">
          {summary}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="h-40 w-full sm:h-56"
        preserveAspectRatio="none"
      >
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="stroke-zinc-300"
          strokeWidth={1}
        />
        {data.map((d, i) => {
          const h = max > 0 ? (d.amount / max) * innerH : 0;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={d.day}>
              <rect
                x={x}
                y={H - PAD.bottom - h}
                width={barW}
                height={Math.max(h, d.amount > 0 ? 1 : 0)}
                rx={Math.min(3, barW / 3)}
                className="fill-brand-600"
              >
                <title>{`${shortDay(d.day)}: ${formatMoney(d.amount, currency)}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <div aria-hidden="true" className="-mt-2 flex justify-between text-xs text-zinc-600">
        {ticks.map((d) => (
          <span key={d.day}>{shortDay(d.day)}</span>
        ))}
      </div>
      {max > 0 ? (
        <p aria-hidden="true" className="text-xs text-zinc-600">
          Tallest bar: {formatMoney(max, currency)}
        </p>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
          Show the numbers as a table
        </summary>
        <div
          tabIndex={0}
          role="region"
          aria-label={`${title}: table`}
          className="mt-2 max-h-72 overflow-auto rounded-lg border border-zinc-200 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-zinc-50 text-xs text-zinc-600 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Day
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {data.map((d) => (
                <tr key={d.day}>
                  <th scope="row" className="px-3 py-1.5 font-normal">
                    <time dateTime={d.day}>{shortDay(d.day)}</time>
                  </th>
                  <td className="px-3 py-1.5 text-right tabular-nums">
                    {formatMoney(d.amount, currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
