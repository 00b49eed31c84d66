ALTER TYPE "public"."email_status" ADD VALUE 'sending';--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'dead';--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sign_in_attempts" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "sign_in_attempts" CASCADE;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "received_via" text DEFAULT 'webhook' NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "processed_by" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "email_outbox_status_idx" ON "email_outbox" USING btree ("status");