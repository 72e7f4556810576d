CREATE TABLE `vault_key_canary` (
	`key_id` text PRIMARY KEY NOT NULL,
	`envelope` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
