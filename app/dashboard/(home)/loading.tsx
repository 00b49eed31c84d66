import { PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageSkeleton />
    </main>
  );
}
