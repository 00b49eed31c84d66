import type { Metadata } from "next";
import { shopRef } from "@/lib/storefront/links";
import { notFound } from "next/navigation";
import { PLACEHOLDER, getContentPage, getStorefront } from "@/lib/storefront/data";
import { markdownToPlainText } from "@/lib/markdown";
import { Prose } from "@/components/storefront/prose";

type Props = { params: Promise<{ shop: string; page: string }> };

export function generateStaticParams() {
  return [{ shop: PLACEHOLDER, page: PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shop: shopParam, page: pageSlug } = await params;
  const { slug } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  if (!storefront) return {};
  const page = await getContentPage(storefront.shop.id, pageSlug);
  if (!page) return { title: "Not found", robots: { index: false } };
  return { title: page.title, description: markdownToPlainText(page.body, 160) || page.title };
}

export default async function ContentPage({ params }: Props) {
  const { shop: shopParam, page: pageSlug } = await params;
  const { slug } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  const page = await getContentPage(storefront.shop.id, pageSlug);
  if (!page) notFound();
  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight sm:text-4xl">
        {page.title}
      </h1>
      <div className="mt-8">
        <Prose markdown={page.body} />
      </div>
    </article>
  );
}
