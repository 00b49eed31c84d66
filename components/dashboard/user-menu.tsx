import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { buttonClasses } from "@/components/ui/button";
import { SignOutForm } from "@/components/auth/sign-out-form";

/** Reads the session: render it inside <Suspense>. */
export async function UserMenu() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <div className="flex items-center gap-2">
        <Link href="/sign-in" className={buttonClasses({ variant: "ghost", size: "sm" })}>
          Sign in
        </Link>
        <Link href="/sign-up" className={buttonClasses({ size: "sm" })}>
          Start selling
        </Link>
      </div>
    );
  }
  return (
    <div className="flex items-center gap-1 sm:gap-2">
      <Link href="/dashboard" className={buttonClasses({ variant: "ghost", size: "sm" })}>
        My shops
      </Link>
      {user.role === "admin" ? (
        <Link href="/admin" className={buttonClasses({ variant: "ghost", size: "sm" })}>
          Admin
        </Link>
      ) : null}
      <span className="hidden max-w-40 truncate text-sm text-zinc-600 md:inline" title={user.email}>
        {user.name}
      </span>
      <SignOutForm />
    </div>
  );
}
