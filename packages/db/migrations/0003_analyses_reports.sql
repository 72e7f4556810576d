CREATE TABLE `analysis` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`window` text NOT NULL,
	`filters` text NOT NULL,
	`settings` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `analysis_workspace_idx` ON `analysis` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`via` text NOT NULL,
	`action` text NOT NULL,
	`subject_id` text NOT NULL,
	`detail` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_event_workspace_idx` ON `audit_event` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `report` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`run_id` text,
	`analysis_id` text,
	`name` text NOT NULL,
	`parameters` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`calls_analyzed` integer NOT NULL,
	`calls` text NOT NULL,
	`reps` text NOT NULL,
	`result` text NOT NULL,
	`partial` text,
	`created_by` text,
	`created_by_name` text,
	`credential_version` integer,
	`run_started_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `analysis_run`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`analysis_id`) REFERENCES `analysis`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_run_id_unique` ON `report` (`run_id`);--> statement-breakpoint
CREATE INDEX `report_workspace_idx` ON `report` (`workspace_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `analysis_run` ADD `analysis_id` text;--> statement-breakpoint
ALTER TABLE `analysis_run` ADD `name` text;--> statement-breakpoint
ALTER TABLE `analysis_run` ADD `settings` text;--> statement-breakpoint
ALTER TABLE `analysis_run` ADD `trigger` text DEFAULT 'manual' NOT NULL;