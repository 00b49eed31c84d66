import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { CreateShopForm } from "@/components/dashboard/create-shop-form";
import { Card, CardBody } from "@/components/ui/card";

export const metadata: Metadata = { title: "New shop" };

// Blocking: an anonymous visitor is redirected to sign in before anything renders.
export const instant = false;

export default async function NewShopPage() {
  await requireUser();
  const { ROOT_DOMAIN, APP_URL } = env();
  const app = new URL(APP_URL);
  const suffix = ROOT_DOMAIN
    ? `.${ROOT_DOMAIN}`
    : `.${app.hostname}${app.port ? `:${app.port}` : ""}`;
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/dashboard" className="text-brand-700 underline-offset-2 hover:underline">
          ← Your shops
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Create a shop</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        The currency is fixed once you start selling; choose the one your customers pay in.
      </p>
      <Card>
        <CardBody className="py-6">
          <CreateShopForm storefrontHostSuffix={suffix} />
        </CardBody>
      </Card>
    </main>
  );
}
