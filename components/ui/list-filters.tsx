import Link from "next/link";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { buttonClasses } from "./button";
import { cn } from "./cn";
import { EmptyState } from "./empty-state";
import { controlClasses } from "./field";

/**
 * `compact` is the dashboard look (a white card with small labels and h-9 controls); `plain` is
 * the admin look (no card, regular labels and h-10 controls). Fields take the same value.
 */
export type FilterLook = "compact" | "plain";

const labelClasses: Record<FilterLook, string> = {
  compact: "mb-1 block text-xs font-medium text-zinc-600",
  plain: "mb-1.5 block text-sm font-medium text-zinc-800",
};
const controlHeight: Record<FilterLook, string> = { compact: "h-9", plain: "h-10" };

/**
 * A GET search/filter form for a list page: `role="search"`, a grid of fields (`columns` holds the
 * grid template from `sm` on) and the submit button.
 */
export function FilterForm({
  label,
  action,
  columns,
  look = "plain",
  submitLabel = "Apply",
  children,
}: {
  /** Accessible name of the search landmark, when the page gives it one. */
  label?: string;
  action: string;
  /** Tailwind grid template classes for wider screens, e.g. `sm:grid-cols-[1fr_auto]`. */
  columns: string;
  look?: FilterLook;
  submitLabel?: string;
  children: ReactNode;
}) {
  return (
    <form
      role="search"
      aria-label={label}
      method="get"
      action={action}
      className={cn(
        "mb-4 grid gap-3 sm:items-end",
        look === "compact" && "rounded-xl border border-zinc-200 bg-white p-3 shadow-sm",
        columns,
      )}
    >
      {children}
      <button
        type="submit"
        className={buttonClasses({
          variant: "secondary",
          className: look === "compact" ? "h-9" : undefined,
        })}
      >
        {submitLabel}
      </button>
    </form>
  );
}

type FilterFieldProps = {
  id: string;
  label: ReactNode;
  look?: FilterLook;
  /** Shown under the control and linked to it; marks the control invalid. */
  error?: string;
};

function FilterField({
  id,
  label,
  look = "plain",
  error,
  children,
}: FilterFieldProps & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={labelClasses[look]}>
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text/search input in a FilterForm. */
export function FilterInput({
  id,
  label,
  look = "plain",
  error,
  ...props
}: FilterFieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  return (
    <FilterField id={id} label={label} look={look} error={error}>
      <input
        id={id}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className={controlClasses(Boolean(error), controlHeight[look])}
        {...props}
      />
    </FilterField>
  );
}

/** A labelled select in a FilterForm; pass the options as children. */
export function FilterSelect({
  id,
  label,
  look = "plain",
  error,
  children,
  ...props
}: FilterFieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className">) {
  return (
    <FilterField id={id} label={label} look={look} error={error}>
      <select
        id={id}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className={controlClasses(Boolean(error), controlHeight[look])}
        {...props}
      >
        {children}
      </select>
    </FilterField>
  );
}

/** The empty state of a filtered list, with a link back to the unfiltered list. */
export function NoMatches({
  title,
  description,
  clearHref,
}: {
  title: ReactNode;
  description: ReactNode;
  clearHref: string;
}) {
  return (
    <EmptyState
      title={title}
      description={description}
      action={
        <Link href={clearHref} className={buttonClasses({ variant: "secondary" })}>
          Clear filters
        </Link>
      }
    />
  );
}
