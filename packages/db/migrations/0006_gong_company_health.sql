ALTER TABLE `gong_credential` ADD `gong_workspaces` text;--> statement-breakpoint
ALTER TABLE `gong_credential` ADD `last_checked_at` integer;--> statement-breakpoint
ALTER TABLE `gong_oauth_state` ADD `confirm_company_change` integer DEFAULT false NOT NULL;