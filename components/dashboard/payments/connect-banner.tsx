"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ConnectStatus } from "@/lib/types";
import { Alert } from "@/components/ui/alert";

const MESSAGES: Record<Exclude<ConnectStatus, "active">, { title: string; body: string }> = {
  not_connected: {
    title: "Connect Stripe to start selling",
    body: "Shoppers can browse your storefront, but checkout stays closed until a Stripe account is connected.",
  },
  onboarding: {
    title: "Finish setting up payments",
    body: "Stripe still needs some details before this shop can take payments.",
  },
  under_review: {
    title: "Stripe is reviewing your details",
    body: "Checkout opens as soon as Stripe finishes verifying your account.",
  },
  restricted: {
    title: "Payments are restricted",
    body: "Stripe needs more information before this shop can take payments again.",
  },
  disconnected: {
    title: "Stripe was disconnected",
    body: "Bazaar no longer has access to this shop's Stripe account, so checkout is closed.",
  },
  rejected: {
    title: "Stripe rejected this account",
    body: "This shop cannot take payments with its current Stripe account.",
  },
};

/** Shown on every page of a shop's dashboard while it cannot take payments (but not on Payments itself). */
export function ConnectBanner({
  slug,
  status,
  canManage,
}: {
  slug: string;
  status: ConnectStatus;
  /** Whether the member's role may change payment settings (else: who to ask). */
  canManage: boolean;
}) {
  const pathname = usePathname();
  const href = `/dashboard/${slug}/settings/payments`;
  if (status === "active" || pathname.startsWith(href)) return null;
  const m = MESSAGES[status];
  return (
    <Alert
      tone={status === "disconnected" || status === "rejected" ? "error" : "warning"}
      title={m.title}
      className="mb-6"
    >
      <p>
        {m.body}{" "}
        {canManage ? (
          <Link href={href} className="font-semibold underline underline-offset-2">
            Go to payment settings
          </Link>
        ) : (
          "An owner of the shop can fix this in the payment settings."
        )}
      </p>
    </Alert>
  );
}
