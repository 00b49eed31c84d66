import { formatMoney } from "@/lib/money";
import { cn } from "@/components/ui/cn";

export function Price({
  amount,
  compareAt,
  currency,
  from,
  className,
}: {
  amount: number;
  compareAt?: number | null;
  currency: string;
  from?: boolean;
  className?: string;
}) {
  const onSale = compareAt !== undefined && compareAt !== null && compareAt > amount;
  return (
    <p className={cn("flex flex-wrap items-baseline gap-x-2", className)}>
      {onSale ? <span className="sr-only">Sale price</span> : null}
      <span className={cn("font-semibold", onSale && "text-[var(--sf-accent-text)]")}>
        {from ? "From " : ""}
        {formatMoney(amount, currency)}
      </span>
      {onSale ? (
        <>
          <span className="sr-only">Regular price</span>
          <s className="text-sm text-zinc-600">{formatMoney(compareAt, currency)}</s>
        </>
      ) : null}
    </p>
  );
}
