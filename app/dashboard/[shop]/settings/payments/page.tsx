import type { Metadata } from "next";
import { platformPaysStripeFees } from "@/lib/stripe/fee-payer";
import { findShopStripeAccount, type ShopStripeAccount } from "@/db/queries/connect";
import type { ConnectStatus } from "@/db/schema/shops";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { requirementLabels } from "@/lib/stripe/account";
import { CONNECT_STATUS_LABELS } from "@/lib/stripe/status";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ActionButton } from "@/components/dashboard/payments/action-button";
import { DisconnectForm } from "@/components/dashboard/payments/disconnect-form";
import {
  connectStandardAction,
  createExpressAction,
  disconnectAction,
  finishOnboardingAction,
  refreshStatusAction,
} from "./actions";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Payments" };

type Props = {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const NOTICES: Record<string, { tone: AlertTone; title: string; body?: string }> = {
  connected: { tone: "success", title: "Your Stripe account is connected." },
  denied: {
    tone: "info",
    title: "You did not connect a Stripe account.",
    body: "Nothing changed. You can connect whenever you are ready.",
  },
  expired_state: {
    tone: "error",
    title: "That connection request expired.",
    body: "For your security, requests are valid for ten minutes. Please start again.",
  },
  invalid_grant: {
    tone: "error",
    title: "Stripe did not accept that authorisation.",
    body: "The authorisation code was already used or has expired. Please connect again.",
  },
  already_connected: {
    tone: "error",
    title: "This shop is already connected to Stripe.",
    body: "Disconnect the current account first if you want to use a different one.",
  },
  error: {
    tone: "error",
    title: "Stripe could not complete the connection.",
    body: "Nothing changed. Please try again in a moment.",
  },
  onboarding_complete: { tone: "success", title: "Onboarding complete: you can take payments." },
  onboarding_incomplete: {
    tone: "warning",
    title: "Onboarding is not finished yet.",
    body: "Stripe still needs the details listed below. Pick up where you left off whenever you are ready.",
  },
  onboarding_submitted: {
    tone: "info",
    title: "Thanks, your details were sent to Stripe.",
    body: "See below for what Stripe says about your account now.",
  },
  sync_failed: {
    tone: "error",
    title: "We could not read your account from Stripe just now.",
    body: "Use Refresh status in a moment.",
  },
  link_failed: {
    tone: "error",
    title: "We could not open Stripe's onboarding just now.",
    body: "Please try again in a moment.",
  },
  dashboard_failed: {
    tone: "error",
    title: "We could not open the Express dashboard.",
    body: "It is available once onboarding details are submitted. Please try again in a moment.",
  },
  refreshed: { tone: "success", title: "Status refreshed from Stripe." },
  disconnected: {
    tone: "info",
    title: "Stripe disconnected.",
    body: "Checkout is closed until you connect a Stripe account again.",
  },
  unlinked: {
    tone: "info",
    title: "The Stripe account was unlinked from this shop.",
    body: "Checkout is closed until you connect a Stripe account again.",
  },
};

const STATUS_TONES: Record<ConnectStatus, BadgeTone> = {
  not_connected: "neutral",
  onboarding: "warning",
  under_review: "info",
  active: "success",
  restricted: "danger",
  disconnected: "danger",
  rejected: "danger",
};

const STATUS_HELP: Record<ConnectStatus, string> = {
  not_connected: "Connect a Stripe account so shoppers can pay.",
  onboarding: "Stripe needs a few more details before this shop can take payments.",
  under_review: "Stripe is verifying the details you submitted. Nothing to do for now.",
  active: "Checkout is open: payments go straight to this Stripe account.",
  restricted: "Stripe paused payments on this account until the details below are provided.",
  disconnected: "Bazaar no longer has access to this account. Checkout is closed.",
  rejected: "Stripe rejected this account. Contact Stripe support, or connect a different account.",
};

function first(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

export default async function PaymentsPage({ params, searchParams }: Props) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "payments.manage");
  if (refusal) return <NoPermission title="Payments" message={refusal} shopSlug={shop.slug} />;
  const account = await findShopStripeAccount(shop.id);
  const notice = NOTICES[first((await searchParams).notice) ?? ""];
  const status = shop.connectStatus;
  const connected = account?.accountId && status !== "not_connected" && status !== "disconnected";

  return (
    <>
      <PageHeader
        title="Payments"
        description="Shoppers pay through Stripe, straight into your Stripe account. Bazaar keeps a small platform fee from each order."
      />
      <div aria-live="polite">
        {notice ? (
          <Alert tone={notice.tone} title={notice.title} live className="mb-6">
            {notice.body}
          </Alert>
        ) : null}
      </div>

      {status === "disconnected" ? (
        <Alert tone="error" title="Stripe was disconnected" className="mb-6">
          <p>
            {account?.disconnectedAt
              ? `Bazaar lost access to ${account.accountId ?? "the Stripe account"} on ${formatDateTime(account.disconnectedAt)}.`
              : "Bazaar no longer has access to the Stripe account."}{" "}
            Checkout on your storefront is closed. Connect an account below to take payments again.
          </p>
        </Alert>
      ) : null}

      {connected && account ? (
        <AccountCard slug={shop.slug} status={status} account={account} />
      ) : (
        <ConnectOptions slug={shop.slug} />
      )}
    </>
  );
}

function AccountCard({
  slug,
  status,
  account,
}: {
  slug: string;
  status: ConnectStatus;
  account: ShopStripeAccount;
}) {
  const express = account.type === "express";
  const dueNow = requirementLabels([...account.pastDue, ...account.currentlyDue]);
  const dueLater = requirementLabels(
    account.eventuallyDue.filter((r) => !account.currentlyDue.includes(r)),
  );
  const canOnboard =
    express && (status === "onboarding" || status === "restricted" || dueNow.length > 0);
  return (
    <Card>
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            Stripe account
            <Badge tone={STATUS_TONES[status]}>
              <span className="sr-only">Status: </span>
              {CONNECT_STATUS_LABELS[status]}
            </Badge>
          </span>
        }
        description={STATUS_HELP[status]}
      />
      <CardBody className="space-y-6">
        <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Account">
            <span className="font-mono text-[13px]">{account.accountId}</span>
            {account.businessName ? (
              <span className="block text-zinc-600">{account.businessName}</span>
            ) : null}
          </Fact>
          <Fact label="Type">
            {express ? "Created through Bazaar (Express)" : "Your own Stripe account (Standard)"}
          </Fact>
          <Fact label="Stripe processing fees">
            {platformPaysStripeFees(account) ? "Paid by Bazaar" : "Paid by you"}
          </Fact>
          <Fact label="Payments">{account.chargesEnabled ? "Enabled" : "Not enabled yet"}</Fact>
          <Fact label="Payouts">{account.payoutsEnabled ? "Enabled" : "Not enabled yet"}</Fact>
          <Fact label="Disputes and losses">
            {express ? "Covered by Bazaar" : "Handled by you on Stripe"}
          </Fact>
        </dl>

        {dueNow.length > 0 || dueLater.length > 0 ? (
          <section aria-labelledby="due-heading" className="rounded-lg bg-zinc-50 p-4">
            <h3 id="due-heading" className="text-sm font-semibold text-zinc-900">
              What Stripe needs
            </h3>
            {dueNow.length > 0 ? (
              <>
                <p className="mt-1 text-sm text-zinc-700">
                  {account.currentDeadline
                    ? `Due by ${formatDateTime(account.currentDeadline)}:`
                    : "Due now:"}
                </p>
                <ul
                  className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-zinc-800"
                  aria-label="Due now"
                >
                  {dueNow.map((label) => (
                    <li key={label}>{label}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {dueLater.length > 0 ? (
              <>
                <p className="mt-3 text-sm text-zinc-700">Needed later:</p>
                <ul
                  className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-zinc-800"
                  aria-label="Needed later"
                >
                  {dueLater.map((label) => (
                    <li key={label}>{label}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {!express ? (
              <p className="mt-3 text-sm text-zinc-700">
                Provide these in your Stripe Dashboard, then refresh the status here.
              </p>
            ) : null}
          </section>
        ) : null}

        <div className="flex flex-wrap items-start gap-3">
          {canOnboard ? (
            <ActionButton
              action={finishOnboardingAction}
              shop={slug}
              label="Finish onboarding"
              pendingLabel="Opening Stripe…"
            />
          ) : null}
          <ActionButton
            action={refreshStatusAction}
            shop={slug}
            label="Refresh status"
            pendingLabel="Checking with Stripe…"
            variant={canOnboard ? "secondary" : "primary"}
          />
          {express && account.detailsSubmitted ? (
            <a
              href={`/dashboard/${slug}/settings/payments/express-dashboard`}
              target="_blank"
              rel="noopener"
              className={buttonClasses({ variant: "secondary" })}
            >
              Open Express dashboard<span className="sr-only"> (opens in a new tab)</span> ↗
            </a>
          ) : null}
        </div>
        <div className="border-t border-zinc-200 pt-4">
          <DisconnectForm action={disconnectAction} shop={slug} accountType={account.type} />
        </div>
      </CardBody>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-zinc-600">{label}</dt>
      <dd className="mt-0.5 font-medium text-zinc-900">{children}</dd>
    </div>
  );
}

function ConnectOptions({ slug }: { slug: string }) {
  return (
    <section aria-labelledby="connect-heading">
      <h2 id="connect-heading" className="mb-3 text-base font-semibold text-zinc-900">
        Two ways to connect Stripe
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="flex flex-col">
          <CardHeader
            title="Connect an existing Stripe account"
            description="Best if you already sell with Stripe. Standard account, connected with OAuth."
          />
          <CardBody className="flex flex-1 flex-col justify-between gap-5">
            <ul className="space-y-2 text-sm text-zinc-700">
              <Point label="Your account">
                You keep your own Stripe account and its full Dashboard.
              </Point>
              <Point label="Stripe fees">
                Paid by you: Stripe takes its processing fee from each payment.
              </Point>
              <Point label="Disputes">
                Your account bears disputes, refunds and negative balances.
              </Point>
            </ul>
            <ActionButton
              action={connectStandardAction}
              shop={slug}
              label="Connect existing account"
              pendingLabel="Opening Stripe…"
            />
          </CardBody>
        </Card>
        <Card className="flex flex-col">
          <CardHeader
            title="Create a new Stripe account"
            description="Quickest start. An Express account, set up in Stripe's hosted onboarding."
          />
          <CardBody className="flex flex-1 flex-col justify-between gap-5">
            <ul className="space-y-2 text-sm text-zinc-700">
              <Point label="Your account">
                Stripe collects your details; you get a simple Express dashboard for payouts.
              </Point>
              <Point label="Stripe fees">Paid by Bazaar, the platform, not from your sales.</Point>
              <Point label="Disputes">
                Bazaar bears dispute losses and negative balances on this account.
              </Point>
            </ul>
            <ActionButton
              action={createExpressAction}
              shop={slug}
              label="Create a Stripe account"
              pendingLabel="Creating your account…"
            />
          </CardBody>
        </Card>
      </div>
    </section>
  );
}

function Point({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <li className="flex gap-2">
      <span aria-hidden="true" className="mt-1.5 size-1.5 shrink-0 rounded-full bg-brand-600" />
      <span>
        <span className="font-medium text-zinc-900">{label}: </span>
        {children}
      </span>
    </li>
  );
}
