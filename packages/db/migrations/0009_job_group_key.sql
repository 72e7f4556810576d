ALTER TABLE `job` ADD `group_key` text;--> statement-breakpoint
CREATE INDEX `job_group_idx` ON `job` (`group_key`,`status`);