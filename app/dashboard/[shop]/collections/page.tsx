import type { Metadata } from "next";
import Link from "next/link";
import { listCollectionsForShop } from "@/db/queries/catalog";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/dashboard/catalog/notice";

export const metadata: Metadata = { title: "Collections" };

export default async function CollectionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "catalog.manage");
  if (refusal) return <NoPermission title="Collections" message={refusal} shopSlug={shop.slug} />;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 100) : "";
  const items = await listCollectionsForShop(shop.id, q);
  const base = `/dashboard/${shop.slug}/collections`;
  return (
    <>
      <PageHeader
        title="Collections"
        description="Group products for your storefront: “Best sellers”, “Gifts”, “New arrivals”."
        actions={
          <Link href={`${base}/new`} className={buttonClasses()}>
            Add collection
          </Link>
        }
      />
      <Notice notice={typeof sp.notice === "string" ? sp.notice : undefined} subject="Collection" />
      <form
        role="search"
        aria-label="Search collections"
        method="get"
        action={base}
        className="mb-4 flex gap-2 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm"
      >
        <label htmlFor="q" className="sr-only">
          Search collections
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Search collections"
          className={controlClasses(false, "h-9")}
        />
        <button type="submit" className={buttonClasses({ variant: "secondary", className: "h-9" })}>
          Search
        </button>
      </form>
      {items.length === 0 ? (
        <EmptyState
          title={q ? "No collections match" : "No collections yet"}
          description={
            q ? "Try another search." : "Collections let shoppers browse related products together."
          }
          action={
            <Link href={`${base}/new`} className={buttonClasses()}>
              Add collection
            </Link>
          }
        />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {items.map((c) => (
            <li key={c.id}>
              <Link
                href={`${base}/${c.id}`}
                className="block rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition hover:border-brand-300 hover:shadow focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <span className="block font-medium text-zinc-900">{c.name}</span>
                <span className="mt-1 block text-sm text-zinc-600">
                  {c.productCount} product{c.productCount === 1 ? "" : "s"} ·{" "}
                  <span className="font-mono text-xs">/collections/{c.slug}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
