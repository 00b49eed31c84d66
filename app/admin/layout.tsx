import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/auth/session";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppHeader } from "@/components/dashboard/app-header";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Bazaar" } };

// Blocking: only admins get past this point; the proxy already answers 404 to everyone else.
export const instant = false;

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="min-h-dvh">
      <AppHeader home="/admin" />
      <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:grid lg:grid-cols-[12rem_1fr] lg:gap-8 lg:py-8">
        <aside className="mb-6 lg:mb-0">
          <p className="mb-3 text-xs font-medium tracking-wide text-zinc-500 uppercase lg:mb-5">
            Platform admin
          </p>
          <AdminNav />
        </aside>
        <main id="main" className="min-w-0">
          {children}
        </main>
      </div>
    </div>
  );
}
