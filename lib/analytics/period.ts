/** The reporting windows the money pages offer, driven by `?period=`. */
export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

export function parsePeriod(raw: string | string[] | undefined): PeriodDays {
  const n = Number(typeof raw === "string" ? raw : undefined);
  return (PERIODS as readonly number[]).includes(n) ? (n as PeriodDays) : 30;
}

export type PeriodRange = {
  days: PeriodDays;
  /** Midnight UTC of the first day (inclusive). */
  start: Date;
  /** The moment the report was asked for (inclusive). */
  end: Date;
  /** Every day of the window as YYYY-MM-DD (UTC), oldest first. */
  dayKeys: string[];
};

const DAY_MS = 86_400_000;

/** The last `days` UTC calendar days, today included. */
export function periodRange(days: PeriodDays, now: Date = new Date()): PeriodRange {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - (days - 1) * DAY_MS);
  const dayKeys = Array.from({ length: days }, (_, i) =>
    new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
  return { days, start, end: now, dayKeys };
}

/** Fills the days without sales with zero, in the window's order. */
export function fillDays(range: PeriodRange, rows: Array<{ day: string; amount: number }>) {
  const byDay = new Map(rows.map((r) => [r.day, r.amount]));
  return range.dayKeys.map((day) => ({ day, amount: byDay.get(day) ?? 0 }));
}
