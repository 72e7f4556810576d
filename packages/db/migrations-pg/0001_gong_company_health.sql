ALTER TABLE "gong_credential" ADD COLUMN "gong_workspaces" jsonb;--> statement-breakpoint
ALTER TABLE "gong_credential" ADD COLUMN "last_checked_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "gong_oauth_state" ADD COLUMN "confirm_company_change" boolean DEFAULT false NOT NULL;