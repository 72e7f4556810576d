CREATE TABLE `gong_token_refresh` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`credential_id` text NOT NULL,
	`credential_version` integer NOT NULL,
	`claim_id` text NOT NULL,
	`claimed_until` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
