import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { buttonClasses } from "@/components/ui/button";
import { StorefrontShell } from "@/components/storefront/storefront-shell";
import { getStorefront } from "@/lib/storefront/data";
import { STOREFRONT_NOT_FOUND_HEADER, shopRef } from "@/lib/storefront/links";
import StorefrontNotFound from "./s/[shop]/not-found";

function PlatformNotFound() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center px-6 text-center"
    >
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-3 text-zinc-600">
        The page you are looking for does not exist, or you do not have access to it.
      </p>
      <Link href="/" className={buttonClasses({ className: "mt-6" })}>
        Back to Bazaar
      </Link>
    </main>
  );
}

/**
 * A storefront URL the proxy found to name nothing (an unknown or draft product, say) is sent
 * here with a real 404 status and the shop named in a request header: it keeps the shop's own
 * design. Everything else gets the platform's page.
 */
async function NotFoundFor() {
  const marked = (await headers()).get(STOREFRONT_NOT_FOUND_HEADER);
  if (!marked) return <PlatformNotFound />;
  const { slug, base } = shopRef(marked);
  const storefront = await getStorefront(slug);
  if (!storefront) return <PlatformNotFound />;
  return (
    <StorefrontShell storefront={storefront} base={base}>
      <StorefrontNotFound />
    </StorefrontShell>
  );
}

export default function NotFound() {
  return (
    <Suspense fallback={null}>
      <NotFoundFor />
    </Suspense>
  );
}
