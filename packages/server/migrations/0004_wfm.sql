CREATE TABLE "wfm_forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"interval_minutes" integer NOT NULL,
	"time_zone" text NOT NULL,
	"start_date" date NOT NULL,
	"horizon_days" integer NOT NULL,
	"history_start_date" date NOT NULL,
	"history_days" integer NOT NULL,
	"options" jsonb NOT NULL,
	"backtest" jsonb NOT NULL,
	"series" jsonb NOT NULL,
	"staffing_params" jsonb,
	"staffing_plan" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wfm_history" (
	"tenant_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"interval_start" timestamp with time zone NOT NULL,
	"interval_minutes" integer NOT NULL,
	"offered" double precision NOT NULL,
	"aht_seconds" double precision NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wfm_history_tenant_id_queue_id_channel_interval_start_pk" PRIMARY KEY("tenant_id","queue_id","channel","interval_start")
);
--> statement-breakpoint
CREATE TABLE "wfm_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"forecast_id" uuid NOT NULL,
	"status" text NOT NULL,
	"start_date" date NOT NULL,
	"weeks" integer NOT NULL,
	"interval_minutes" integer NOT NULL,
	"time_zone" text NOT NULL,
	"input" jsonb NOT NULL,
	"requirement" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wfm_shift_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"template" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wfm_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"date" date NOT NULL,
	"template_id" text NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"paid_minutes" integer NOT NULL,
	"breaks" jsonb NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "wfm_schedules" ADD CONSTRAINT "wfm_schedules_forecast_id_wfm_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."wfm_forecasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wfm_shifts" ADD CONSTRAINT "wfm_shifts_schedule_id_wfm_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."wfm_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wfm_forecasts_queue_version_idx" ON "wfm_forecasts" USING btree ("tenant_id","queue_id","channel","version");--> statement-breakpoint
CREATE INDEX "wfm_schedules_tenant_team_idx" ON "wfm_schedules" USING btree ("tenant_id","team_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "wfm_shift_templates_tenant_name_idx" ON "wfm_shift_templates" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "wfm_shifts_schedule_idx" ON "wfm_shifts" USING btree ("schedule_id","user_id","start_at");--> statement-breakpoint
CREATE INDEX "wfm_shifts_tenant_user_idx" ON "wfm_shifts" USING btree ("tenant_id","user_id","start_at");