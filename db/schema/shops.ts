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
import { users } from "./users";

/** Derived from the connected Stripe account (see lib/stripe); checkout needs `active`. */
export const connectStatus = pgEnum("connect_status", [
  "not_connected",
  "onboarding",
  "under_review",
  "active",
  "restricted",
  "disconnected",
  "rejected",
]);

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
export type ConnectStatus = (typeof connectStatus.enumValues)[number];
