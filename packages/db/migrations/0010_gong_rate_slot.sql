CREATE TABLE `gong_rate_slot` (
	`credential_key` text NOT NULL,
	`slot` integer NOT NULL,
	`free_at` integer NOT NULL,
	PRIMARY KEY(`credential_key`, `slot`)
);
