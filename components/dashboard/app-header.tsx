import { Suspense } from "react";
import { Logo } from "@/components/brand/logo";
import { Skeleton } from "@/components/ui/skeleton";
import { UserMenu } from "./user-menu";

export function AppHeader({ home = "/dashboard" }: { home?: string }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Logo href={home} />
        <Suspense fallback={<Skeleton className="h-8 w-40" />}>
          <UserMenu />
        </Suspense>
      </div>
    </header>
  );
}
