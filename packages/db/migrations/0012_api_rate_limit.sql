CREATE TABLE `api_rate_limit` (
	`key` text PRIMARY KEY NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`expire` integer
);
--> statement-breakpoint
ALTER TABLE `gong_credential` ADD `limiter_key` text;