import {
  char,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { CONNECT_STATUSES, type ConnectStatus } from "../../lib/types";
import { users } from "./users";

/** Derived from the connected Stripe account (see lib/stripe); checkout needs `active`. */
export const connectStatus = pgEnum("connect_status", CONNECT_STATUSES);

export const shops = pgTable(
  "shops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    country: char("country", { length: 2 }).notNull(),
    connectStatus: connectStatus("connect_status").notNull().default("not_connected"),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    suspensionReason: text("suspension_reason"),
    /** The most staff may refund on one order, in the shop's minor unit (owners: no cap). */
    staffRefundLimit: integer("staff_refund_limit").notNull().default(5000),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("shops_slug_unique").on(t.slug)],
);

export const shopMemberRole = pgEnum("shop_member_role", ["owner", "staff"]);

export const shopMembers = pgTable(
  "shop_members",
  {
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: shopMemberRole("role").notNull().default("owner"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.userId] }),
    index("shop_members_user_idx").on(t.userId),
  ],
);

export type Shop = typeof shops.$inferSelect;
export type { ConnectStatus };

/**
 * An owner's invitation to join a shop. The link carries `{id}.{signature}` (HMAC over the id
 * with the app secret); the row makes it single-use (`acceptedAt`), expiring (`expiresAt`) and
 * revocable (`revokedAt`). At most one open invitation per shop and e-mail.
 */
export const shopInvitations = pgTable(
  "shop_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: shopMemberRole("role").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("shop_invitations_shop_idx").on(t.shopId, t.createdAt),
    uniqueIndex("shop_invitations_open_unique")
      .on(t.shopId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

export type ShopMemberRole = (typeof shopMemberRole.enumValues)[number];
