import Link from "next/link";
import { buttonClasses } from "./button";

/** Previous / next links that keep the other query parameters. */
export function Pagination({
  page,
  pageSize,
  total,
  basePath,
  params,
}: {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3 text-sm">
      <p className="text-zinc-600">
        Page {page} of {pages} · {total} in all
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link
            href={href(page - 1)}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
          >
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link
            href={href(page + 1)}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
          >
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** "Showing 21–40 of 57" with previous / next page links; `hrefFor(p)` builds a page's URL. */
export function RangePagination({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  if (total <= 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav
      aria-label="Pagination"
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600"
    >
      <p>
        Showing {(page - 1) * pageSize + 1}–{Math.min(page * pageSize, total)} of {total}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link
            href={hrefFor(page - 1)}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
            rel="prev"
          >
            Previous page
          </Link>
        ) : null}
        {page < pages ? (
          <Link
            href={hrefFor(page + 1)}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
            rel="next"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
