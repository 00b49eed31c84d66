/**
 * Who may do what in a shop: the one map every action, page, route and the dashboard's
 * navigation reads. A shop member is an owner or staff. Staff run the catalogue, the orders and
 * fulfilment (refunds up to the shop's staff refund limit); money, payments settings, the Stripe
 * connection, the storefront's design, members and the shop itself stay with owners.
 *
 * Pure data (no server imports): the client-side navigation reads it too. The server refuses
 * whatever the navigation hides, whatever the browser sends.
 */
export const SHOP_ROLES = ["owner", "staff"] as const;
export type ShopRole = (typeof SHOP_ROLES)[number];

export const SHOP_PERMISSIONS = {
  /** Open the shop's dashboard overview. */
  "shop.view": ["owner", "staff"],
  /** Products, variants, images, collections. */
  "catalog.manage": ["owner", "staff"],
  /** The order list, details, CSV export and the shop's e-mail outbox. */
  "orders.view": ["owner", "staff"],
  "orders.fulfil": ["owner", "staff"],
  /** Refunds up to the shop's staff refund limit (owners: any amount). */
  "orders.refund": ["owner", "staff"],
  "orders.refund_over_limit": ["owner"],
  /** Design, content pages. */
  "storefront.design": ["owner"],
  "analytics.view": ["owner"],
  /** Balance and payouts of the connected account. */
  "money.view": ["owner"],
  /** Connect, onboarding, status refresh, Express dashboard. */
  "payments.manage": ["owner"],
  "payments.disconnect": ["owner"],
  /** Invite, change the role of and remove members; the staff refund limit. */
  "members.manage": ["owner"],
  "shop.delete": ["owner"],
} as const satisfies Record<string, readonly ShopRole[]>;

export type ShopPermission = keyof typeof SHOP_PERMISSIONS;

export const ALL_SHOP_PERMISSIONS = Object.keys(SHOP_PERMISSIONS) as ShopPermission[];

export function can(role: ShopRole | null | undefined, permission: ShopPermission): boolean {
  if (!role) return false;
  return (SHOP_PERMISSIONS[permission] as readonly ShopRole[]).includes(role);
}

export function isShopRole(value: unknown): value is ShopRole {
  return typeof value === "string" && (SHOP_ROLES as readonly string[]).includes(value);
}

export const ROLE_LABEL: Record<ShopRole, string> = { owner: "Owner", staff: "Staff" };

/** The refusal a member sees (and the same words at the server and in the pages). */
export function notPermittedMessage(role: ShopRole) {
  return role === "staff"
    ? "Staff members cannot do this. Ask one of the shop's owners."
    : "Your role in this shop cannot do this.";
}

/** What a refused refund says to staff. */
export function overRefundLimitMessage(limit: string) {
  return `Staff members can refund up to ${limit} at a time. Ask an owner for a larger refund.`;
}
