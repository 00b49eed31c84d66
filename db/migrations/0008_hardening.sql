ALTER TYPE "public"."stripe_event_outcome" ADD VALUE 'already_handled';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;