CREATE TABLE "calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"calendar" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" text NOT NULL,
	"config" jsonb NOT NULL,
	"active_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hotlines_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "ivr_flows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"hotline_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"flow" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ivr_flows" ADD CONSTRAINT "ivr_flows_hotline_id_hotlines_id_fk" FOREIGN KEY ("hotline_id") REFERENCES "public"."hotlines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_tenant_code_idx" ON "calendars" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "ivr_flows_hotline_version_idx" ON "ivr_flows" USING btree ("hotline_id","version");