ALTER TABLE "job" ADD COLUMN "group_key" text;--> statement-breakpoint
CREATE INDEX "job_group_idx" ON "job" USING btree ("group_key","status");