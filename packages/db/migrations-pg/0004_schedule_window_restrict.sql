ALTER TABLE "schedule" DROP CONSTRAINT "schedule_analysis_id_analysis_id_fk";
--> statement-breakpoint
ALTER TABLE "schedule" ADD COLUMN "window_mode" text DEFAULT 'since-previous' NOT NULL;--> statement-breakpoint
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_analysis_id_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."analysis"("id") ON DELETE restrict ON UPDATE no action;