import type { ReactNode, TdHTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * Where a table turns into stacked blocks: below `sm` (admin lists), below `md` (dashboard lists
 * whose rows are laid out as a small grid on phones), or never (small tables inside a card).
 */
export type StackBelow = "sm" | "md" | "never";

export type DataTableColumn = { label: ReactNode; className?: string };

// The dashboard lists (stacked below md) draw a rule under the header and lighter row dividers.
const headClasses: Record<StackBelow, string> = {
  sm: "hidden sm:table-header-group",
  md: "hidden border-b border-zinc-200 md:table-header-group",
  never: "",
};

const bodyClasses: Record<StackBelow, string> = {
  sm: "divide-y divide-zinc-200",
  md: "divide-y divide-zinc-100",
  never: "divide-y divide-zinc-200",
};

const rowClasses: Record<StackBelow, string> = {
  sm: "sm:table-row sm:p-0",
  md: "md:table-row md:p-0",
  never: "",
};

const cellClasses: Record<StackBelow, string> = {
  sm: "block sm:table-cell sm:px-4 sm:py-3",
  md: "block md:table-cell md:px-4 md:py-3",
  never: "px-4 py-3",
};

const phoneOnlyClasses: Record<StackBelow, string> = {
  sm: "block sm:hidden",
  md: "block md:hidden",
  never: "hidden",
};

/**
 * A list table: screen-reader caption, a header row that is hidden while rows are stacked, and
 * (unless `framed` is false, e.g. inside a Card) the rounded bordered card around it.
 */
export function DataTable({
  caption,
  columns,
  stackBelow = "sm",
  framed = true,
  children,
}: {
  caption: ReactNode;
  columns: DataTableColumn[];
  stackBelow?: StackBelow;
  framed?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead
        className={cn(
          "bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase",
          headClasses[stackBelow],
        )}
      >
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={cn("px-4 py-3 font-medium", c.className)}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={bodyClasses[stackBelow]}>{children}</tbody>
    </table>
  );
  if (!framed) return table;
  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
      {table}
    </div>
  );
}

/**
 * A table row. `className` is the row's layout while stacked (a block by default; pass a grid
 * for a denser phone layout); from the breakpoint on it is a normal table row.
 */
export function DataRow({
  stackBelow = "sm",
  className,
  children,
}: {
  stackBelow?: StackBelow;
  className?: string;
  children: ReactNode;
}) {
  const stacked = stackBelow !== "never";
  return (
    <tr
      className={cn(stacked ? (className ?? "block px-4 py-3") : className, rowClasses[stackBelow])}
    >
      {children}
    </tr>
  );
}

/**
 * A cell: a block while its row is stacked, a padded table cell from the breakpoint on.
 * `rowHeader` renders it as the row's header (`<th scope="row">`); `phoneOnly` shows it only
 * while stacked (for content that a wider column shows differently).
 */
export function DataCell({
  stackBelow = "sm",
  rowHeader,
  phoneOnly,
  className,
  children,
  ...props
}: {
  stackBelow?: StackBelow;
  rowHeader?: boolean;
  phoneOnly?: boolean;
  className?: string;
  children?: ReactNode;
} & Omit<TdHTMLAttributes<HTMLTableCellElement>, "className" | "children">) {
  const classes = cn(phoneOnly ? phoneOnlyClasses[stackBelow] : cellClasses[stackBelow], className);
  return rowHeader ? (
    <th scope="row" className={classes} {...props}>
      {children}
    </th>
  ) : (
    <td className={classes} {...props}>
      {children}
    </td>
  );
}

/** A list of entries in one bordered card, with a divider between entries (audit log, users, e-mails). */
export function CardList({
  ordered,
  label,
  className,
  children,
}: {
  ordered?: boolean;
  label?: string;
  /** Divider tone and text size, e.g. `divide-zinc-200`. */
  className?: string;
  children: ReactNode;
}) {
  const List = ordered ? "ol" : "ul";
  return (
    <List
      aria-label={label}
      className={cn(
        "divide-y overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm",
        className,
      )}
    >
      {children}
    </List>
  );
}
