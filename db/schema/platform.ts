import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { shops } from "./shops";
import { users } from "./users";

export const feeRefundPolicy = pgEnum("fee_refund_policy", ["pro_rata", "keep"]);
export const checkoutMode = pgEnum("checkout_mode", ["embedded", "hosted"]);

/** One row (id = 1): the platform's fee defaults and checkout settings. */
export const platformSettings = pgTable(
  "platform_settings",
  {
    id: integer("id").primaryKey().default(1),
    feePercentBps: integer("fee_percent_bps").notNull().default(500),
    feeFixed: integer("fee_fixed").notNull().default(30),
    feeMin: integer("fee_min"),
    feeMax: integer("fee_max"),
    feeRefundPolicy: feeRefundPolicy("fee_refund_policy").notNull().default("pro_rata"),
    checkoutMode: checkoutMode("checkout_mode").notNull().default("embedded"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("platform_settings_singleton", sql`${t.id} = 1`)],
);

/** A shop's fee override; null fields inherit the platform default. */
export const shopFeeOverrides = pgTable("shop_fee_overrides", {
  shopId: uuid("shop_id")
    .primaryKey()
    .references(() => shops.id, { onDelete: "cascade" }),
  feePercentBps: integer("fee_percent_bps"),
  feeFixed: integer("fee_fixed"),
  feeMin: integer("fee_min"),
  feeMax: integer("fee_max"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Append-only record of admin actions and sensitive merchant actions. The app has no update or
 * delete path for it; the database refuses both (trigger in the migration).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // No foreign keys: the record must outlive the users and shops it mentions.
    actorId: uuid("actor_id"),
    /** Kept even if the user is deleted later. */
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    shopId: uuid("shop_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_shop_idx").on(t.shopId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);
