CREATE TABLE `gong_token_refresh` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`credential_id` text NOT NULL,
	`credential_version` integer NOT NULL,
	`claim_id` text NOT NULL,
	`claimed_until` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quota_charge` (
	`workspace_id` text NOT NULL,
	`month` text NOT NULL,
	`call_id` text NOT NULL,
	`run_id` text NOT NULL,
	`charged_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `month`, `call_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quota_charge_run_idx` ON `quota_charge` (`run_id`);--> statement-breakpoint
CREATE TABLE `analysis_run_quota` (
	`run_id` text PRIMARY KEY NOT NULL,
	`month` text NOT NULL,
	`allowance` integer NOT NULL,
	`used` integer NOT NULL,
	`calls_selected` integer NOT NULL,
	`calls_admitted` integer NOT NULL,
	`calls_charged` integer NOT NULL,
	`calls_skipped` integer NOT NULL,
	`quota_reached` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `analysis_run`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analysis_run_quota_call` (
	`run_id` text NOT NULL,
	`call_id` text NOT NULL,
	`decision` text NOT NULL,
	`month` text NOT NULL,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `call_id`),
	FOREIGN KEY (`run_id`) REFERENCES `analysis_run`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workspace_quota` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`monthly_calls` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
