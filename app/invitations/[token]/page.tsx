import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { findInvitation } from "@/db/queries/members";
import { ROLE_LABEL } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { invitationExpired, invitationIdFromToken } from "@/lib/members/invitations";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { AcceptInvitationForm } from "@/components/dashboard/members/accept-invitation-form";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

// Blocking: what the page offers depends on who is signed in.
export const instant = false;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  await connection(); // per request: the answer depends on the time and on who is signed in
  const token = decodeURIComponent(raw);
  const id = invitationIdFromToken(token);
  const invitation = id ? await findInvitation(id) : null;
  // A forged or unknown link is an unknown page: it says nothing about any shop.
  if (!invitation) notFound();
  const user = await getCurrentUser();
  const here = `/invitations/${encodeURIComponent(token)}`;
  const expired = invitationExpired(invitation.expiresAt);
  const closed = invitation.acceptedAt
    ? invitation.acceptedBy === user?.id
      ? "joined"
      : "used"
    : invitation.revokedAt
      ? "revoked"
      : expired
        ? "expired"
        : null;
  const sameEmail = user && user.email.toLowerCase() === invitation.email.toLowerCase();

  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">
        Join {invitation.shopName}
      </h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        {invitation.invitedByName ?? "An owner"} invited{" "}
        <span className="font-medium text-zinc-800">{invitation.email}</span> to{" "}
        {invitation.shopName} as <strong>{ROLE_LABEL[invitation.role].toLowerCase()}</strong>.
      </p>
      <Card>
        <CardBody className="space-y-4">
          {closed === "joined" ? (
            <Alert tone="success" title="You are a member">
              <Link href={`/dashboard/${invitation.shopSlug}`} className="font-medium underline">
                Open {invitation.shopName}&apos;s dashboard
              </Link>
            </Alert>
          ) : closed ? (
            <Alert tone="error" title="This invitation cannot be used">
              {closed === "used"
                ? "It was already used."
                : closed === "revoked"
                  ? "It was withdrawn."
                  : `It expired on ${formatDateTime(invitation.expiresAt)}.`}{" "}
              Ask the shop&apos;s owner for a new one.
            </Alert>
          ) : !user ? (
            <>
              <p className="text-sm text-zinc-700">
                Sign in with {invitation.email}, or create an account with that address, to accept.
                The link works until {formatDateTime(invitation.expiresAt)}.
              </p>
              <div className="flex flex-wrap gap-2">
                <Link
                  href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
                  className={buttonClasses()}
                >
                  Sign in to accept
                </Link>
                <Link
                  href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`}
                  className={buttonClasses({ variant: "secondary" })}
                >
                  Create an account
                </Link>
              </div>
            </>
          ) : !sameEmail ? (
            <Alert tone="error" title="Signed in with another address">
              You are signed in as {user.email}, but this invitation is for {invitation.email}. Sign
              out, then sign in (or create an account) with {invitation.email}.
            </Alert>
          ) : (
            <AcceptInvitationForm token={token} shopName={invitation.shopName} />
          )}
        </CardBody>
      </Card>
    </main>
  );
}
