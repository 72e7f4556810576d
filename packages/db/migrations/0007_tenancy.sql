CREATE TABLE `instance_operator` (
	`user_id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `operator_audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`action` text NOT NULL,
	`workspace_id` text NOT NULL,
	`workspace_name` text NOT NULL,
	`detail` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `operator_audit_event_created_idx` ON `operator_audit_event` (`created_at`);--> statement-breakpoint
CREATE TABLE `workspace_suspension` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`suspended_at` integer NOT NULL,
	`suspended_by` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`suspended_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- An install set up before operators existed: the person who set it up (the oldest account) runs it.
INSERT INTO `instance_operator` (`user_id`, `created_at`) SELECT `id`, `created_at` FROM `user` ORDER BY `created_at` LIMIT 1;
