CREATE TABLE "gong_rate_slot" (
	"credential_key" text NOT NULL,
	"slot" integer NOT NULL,
	"free_at" bigint NOT NULL,
	CONSTRAINT "gong_rate_slot_credential_key_slot_pk" PRIMARY KEY("credential_key","slot")
);
--> statement-breakpoint
ALTER TABLE "job" ADD COLUMN "group_key" text;--> statement-breakpoint
CREATE INDEX "job_group_idx" ON "job" USING btree ("group_key","status");