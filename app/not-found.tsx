import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
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
