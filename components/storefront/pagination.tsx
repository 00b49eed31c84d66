import Link from "next/link";

export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const linkClass =
    "inline-flex h-10 items-center rounded-[var(--sf-radius-button)] border border-zinc-300 px-4 text-sm font-medium hover:bg-zinc-50";
  return (
    <nav aria-label="Pages" className="mt-12 flex items-center justify-center gap-3">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={linkClass} rel="prev">
          ← Previous
        </Link>
      ) : null}
      <p className="text-sm text-zinc-700">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={linkClass} rel="next">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
