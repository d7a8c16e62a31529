CREATE TABLE "wfm_attendance" (
	"shift_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"status" text NOT NULL,
	"minutes_late" integer NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wfm_breaks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"not_ready" boolean
);
--> statement-breakpoint
CREATE TABLE "wfm_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wfm_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"requester_id" uuid NOT NULL,
	"shift_id" uuid,
	"colleague_shift_id" uuid,
	"colleague_id" uuid,
	"date" date,
	"start_minute" integer,
	"end_minute" integer,
	"reason" text,
	"accepted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wfm_team_settings" (
	"tenant_id" uuid NOT NULL,
	"team_id" uuid PRIMARY KEY NOT NULL,
	"max_on_break" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wfm_attendance" ADD CONSTRAINT "wfm_attendance_shift_id_wfm_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."wfm_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wfm_handovers" ADD CONSTRAINT "wfm_handovers_shift_id_wfm_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."wfm_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wfm_requests" ADD CONSTRAINT "wfm_requests_shift_id_wfm_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."wfm_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wfm_requests" ADD CONSTRAINT "wfm_requests_colleague_shift_id_wfm_shifts_id_fk" FOREIGN KEY ("colleague_shift_id") REFERENCES "public"."wfm_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wfm_attendance_schedule_idx" ON "wfm_attendance" USING btree ("tenant_id","schedule_id");--> statement-breakpoint
CREATE INDEX "wfm_breaks_team_status_idx" ON "wfm_breaks" USING btree ("tenant_id","team_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "wfm_handovers_schedule_idx" ON "wfm_handovers" USING btree ("tenant_id","schedule_id","created_at");--> statement-breakpoint
CREATE INDEX "wfm_requests_tenant_status_idx" ON "wfm_requests" USING btree ("tenant_id","status","created_at");