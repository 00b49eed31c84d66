import type { Metadata } from "next";
import { listMembers, listOpenInvitations } from "@/db/queries/members";
import { ROLE_LABEL } from "@/lib/auth/permissions";
import { requireShopPermission } from "@/lib/auth/session";
import { formatDate, formatMoney, minorToDecimalString } from "@/lib/format";
import { invitationExpired } from "@/lib/members/invitations";
import { removeMemberAction, revokeInvitationAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { InlineAction } from "@/components/admin/inline-action";
import { InviteForm } from "@/components/dashboard/members/invite-form";
import { LeaveShopForm } from "@/components/dashboard/members/leave-shop-form";
import { RefundLimitForm } from "@/components/dashboard/members/refund-limit-form";
import { RoleForm } from "@/components/dashboard/members/role-form";
import { NoPermission } from "@/components/dashboard/no-permission";

export const metadata: Metadata = { title: "Members" };

const NOTICES: Record<string, string> = {
  removed: "Member removed. Their access ended at once.",
  withdrawn: "Invitation withdrawn. Its link no longer works.",
};

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const noticeKey = (await searchParams).notice;
  const notice = typeof noticeKey === "string" ? NOTICES[noticeKey] : undefined;
  const { shop, user, refusal } = await requireShopPermission(slug, "members.manage");
  if (refusal) {
    return (
      <>
        <NoPermission title="Members" message={refusal} shopSlug={shop.slug} />
        <Card className="mt-6">
          <CardHeader title="Leave this shop" />
          <CardBody>
            <LeaveShopForm shopSlug={shop.slug} shopName={shop.name} />
          </CardBody>
        </Card>
      </>
    );
  }
  const [members, invitations] = await Promise.all([
    listMembers(shop.id),
    listOpenInvitations(shop.id),
  ]);
  // The last owner cannot leave or be removed (the server refuses it too).
  const owners = members.filter((m) => m.role === "owner").length;
  return (
    <>
      <PageHeader
        title="Members"
        description="Who can work on this shop. Every change is recorded in the audit log."
      />
      {notice ? (
        <Alert tone="success" live className="mb-6">
          {notice}
        </Alert>
      ) : null}
      <div className="space-y-6">
        <DataTable
          caption="Members of this shop"
          columns={[{ label: "Member" }, { label: "Role" }, { label: "Joined" }, { label: "" }]}
          stackBelow="md"
        >
          {members.map((m) => (
            <DataRow key={m.userId} stackBelow="md" className="block space-y-2 px-4 py-3">
              <DataCell stackBelow="md" rowHeader className="font-normal">
                <span className="block font-medium text-zinc-900">
                  {m.name}
                  {m.userId === user.id ? <span className="text-zinc-500"> (you)</span> : null}
                </span>
                <span className="block break-all text-zinc-600">{m.email}</span>
              </DataCell>
              <DataCell stackBelow="md">
                <RoleForm shopSlug={shop.slug} userId={m.userId} name={m.name} role={m.role} />
              </DataCell>
              <DataCell stackBelow="md" className="text-zinc-600">
                <span className="md:hidden">Joined </span>
                {formatDate(m.joinedAt)}
              </DataCell>
              <DataCell stackBelow="md">
                {m.role === "owner" && owners === 1 ? (
                  <span className="text-sm text-zinc-600">The shop&apos;s only owner</span>
                ) : (
                  <InlineAction
                    action={removeMemberAction}
                    fields={{ shop: shop.slug, userId: m.userId }}
                    label={m.userId === user.id ? "Leave shop" : `Remove ${m.name}`}
                    pendingLabel="Removing…"
                    variant="danger"
                    confirm={
                      m.userId === user.id
                        ? `Leave ${shop.name}? You lose access at once.`
                        : `Remove ${m.name} from ${shop.name}? Their access ends at once.`
                    }
                  />
                )}
              </DataCell>
            </DataRow>
          ))}
        </DataTable>

        <Card>
          <CardHeader title="Invite someone" />
          <CardBody>
            <InviteForm shopSlug={shop.slug} />
          </CardBody>
        </Card>

        <section aria-labelledby="pending-heading" className="space-y-3">
          <h2 id="pending-heading" className="text-base font-semibold text-zinc-900">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="text-sm text-zinc-600">No invitations are waiting for an answer.</p>
          ) : (
            <DataTable
              caption="Pending invitations"
              columns={[
                { label: "E-mail" },
                { label: "Role" },
                { label: "Expires" },
                { label: "" },
              ]}
            >
              {invitations.map((inv) => {
                const expired = invitationExpired(inv.expiresAt);
                return (
                  <DataRow key={inv.id} className="block space-y-2 px-4 py-3">
                    <DataCell rowHeader className="font-normal break-all text-zinc-900">
                      {inv.email}
                      {inv.invitedByName ? (
                        <span className="block text-xs text-zinc-500">
                          Invited by {inv.invitedByName}
                        </span>
                      ) : null}
                    </DataCell>
                    <DataCell>{ROLE_LABEL[inv.role]}</DataCell>
                    <DataCell>
                      {expired ? (
                        <Badge tone="warning">Expired {formatDate(inv.expiresAt)}</Badge>
                      ) : (
                        formatDate(inv.expiresAt)
                      )}
                    </DataCell>
                    <DataCell>
                      <InlineAction
                        action={revokeInvitationAction}
                        fields={{ shop: shop.slug, invitationId: inv.id }}
                        label="Withdraw"
                        srLabel={` invitation to ${inv.email}`}
                        pendingLabel="Withdrawing…"
                      />
                    </DataCell>
                  </DataRow>
                );
              })}
            </DataTable>
          )}
        </section>

        <Card>
          <CardHeader title="Staff refunds" />
          <CardBody className="space-y-3">
            <p className="text-sm text-zinc-600">
              Staff can refund up to{" "}
              <strong>{formatMoney(shop.staffRefundLimit, shop.currency)}</strong> on an order.
              Larger refunds need an owner.
            </p>
            <RefundLimitForm
              shopSlug={shop.slug}
              currency={shop.currency}
              limit={minorToDecimalString(shop.staffRefundLimit, shop.currency)}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
