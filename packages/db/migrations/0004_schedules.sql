CREATE TABLE `schedule` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`analysis_id` text NOT NULL,
	`cadence` text NOT NULL,
	`time_zone` text NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`next_slot_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`analysis_id`) REFERENCES `analysis`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `schedule_due_idx` ON `schedule` (`paused`,`next_slot_at`);--> statement-breakpoint
CREATE INDEX `schedule_workspace_idx` ON `schedule` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `schedule_occurrence` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`slot` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`run_id` text,
	`window_from` integer,
	`window_to` integer,
	`caught_up` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `schedule`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `analysis_run`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_occurrence_slot_uq` ON `schedule_occurrence` (`schedule_id`,`slot`);--> statement-breakpoint
CREATE INDEX `schedule_occurrence_recent_idx` ON `schedule_occurrence` (`schedule_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `workspace_schedule_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
