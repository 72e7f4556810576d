CREATE TABLE `api_token` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`hint` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_token_token_hash_unique` ON `api_token` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_token_workspace_idx` ON `api_token` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `analysis_run` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`started_by` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`selection` text NOT NULL,
	`credential_version` integer,
	`list_cursor` text,
	`listing_done` integer DEFAULT false NOT NULL,
	`calls_listed` integer DEFAULT 0 NOT NULL,
	`calls_total` integer DEFAULT 0 NOT NULL,
	`calls_fetched` integer DEFAULT 0 NOT NULL,
	`calls_analyzed` integer DEFAULT 0 NOT NULL,
	`requests_used` integer DEFAULT 0 NOT NULL,
	`totals` text,
	`error` text,
	`paused_until` integer,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `analysis_run_workspace_idx` ON `analysis_run` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `analysis_run_call` (
	`run_id` text NOT NULL,
	`call_id` text NOT NULL,
	PRIMARY KEY(`run_id`, `call_id`),
	FOREIGN KEY (`run_id`) REFERENCES `analysis_run`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `gong_call_cache` (
	`workspace_id` text NOT NULL,
	`call_id` text NOT NULL,
	`started` integer,
	`duration_seconds` integer,
	`title` text,
	`primary_user_id` text,
	`data` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `call_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `gong_request_budget` (
	`credential_key` text NOT NULL,
	`day` text NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`credential_key`, `day`)
);
--> statement-breakpoint
CREATE TABLE `gong_transcript_cache` (
	`workspace_id` text NOT NULL,
	`call_id` text NOT NULL,
	`monologues` text,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `call_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `job` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`run_after` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_idempotency_key_unique` ON `job` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `job_due_idx` ON `job` (`status`,`run_after`);--> statement-breakpoint
CREATE TABLE `gong_oauth_state` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`code_verifier` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE cascade
);
