PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_schedule` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`analysis_id` text NOT NULL,
	`window_mode` text DEFAULT 'since-previous' NOT NULL,
	`cadence` text NOT NULL,
	`time_zone` text NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`next_slot_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`analysis_id`) REFERENCES `analysis`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_schedule`("id", "workspace_id", "analysis_id", "window_mode", "cadence", "time_zone", "paused", "next_slot_at", "created_by", "created_at", "updated_at") SELECT "id", "workspace_id", "analysis_id", 'since-previous', "cadence", "time_zone", "paused", "next_slot_at", "created_by", "created_at", "updated_at" FROM `schedule`;--> statement-breakpoint
DROP TABLE `schedule`;--> statement-breakpoint
ALTER TABLE `__new_schedule` RENAME TO `schedule`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `schedule_due_idx` ON `schedule` (`paused`,`next_slot_at`);--> statement-breakpoint
CREATE INDEX `schedule_workspace_idx` ON `schedule` (`workspace_id`);