CREATE TABLE `gong_rate_slot` (
	`credential_key` text NOT NULL,
	`slot` integer NOT NULL,
	`free_at` integer NOT NULL,
	PRIMARY KEY(`credential_key`, `slot`)
);
--> statement-breakpoint
ALTER TABLE `job` ADD `group_key` text;--> statement-breakpoint
CREATE INDEX `job_group_idx` ON `job` (`group_key`,`status`);