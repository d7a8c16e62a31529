CREATE TABLE "agent_state_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"presence" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_states" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"business_line_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"agent_id" uuid,
	"body" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interaction_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"agent_id" uuid,
	"queue_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"address" text,
	"hotline" text,
	"customer_id" uuid,
	"queue_id" uuid,
	"agent_id" uuid,
	"priority" integer DEFAULT 0 NOT NULL,
	"ivr_path" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"ivr_entered_at" timestamp with time zone,
	"ivr_exited_at" timestamp with time zone,
	"enqueued_at" timestamp with time zone,
	"queued_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"wrap_up_ended_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"abandoned_in" text,
	"held_at" timestamp with time zone,
	"hold_seconds" integer DEFAULT 0 NOT NULL,
	"transferred" boolean DEFAULT false NOT NULL,
	"disposition" text,
	"notes" text,
	"outcome" text,
	"simulated" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phones" text[] DEFAULT '{}' NOT NULL,
	"vip" boolean DEFAULT false NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_business_line_id_business_lines_id_fk" FOREIGN KEY ("business_line_id") REFERENCES "public"."business_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_events" ADD CONSTRAINT "interaction_events_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_state_log_tenant_user_at_idx" ON "agent_state_log" USING btree ("tenant_id","user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "business_lines_tenant_code_idx" ON "business_lines" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "queues_tenant_code_idx" ON "queues" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "chat_messages_interaction_idx" ON "chat_messages" USING btree ("interaction_id","id");--> statement-breakpoint
CREATE INDEX "interaction_events_interaction_idx" ON "interaction_events" USING btree ("interaction_id","id");--> statement-breakpoint
CREATE INDEX "interactions_tenant_arrived_idx" ON "interactions" USING btree ("tenant_id","arrived_at");--> statement-breakpoint
CREATE INDEX "interactions_open_idx" ON "interactions" USING btree ("status") WHERE status <> 'ended';--> statement-breakpoint
CREATE INDEX "customers_tenant_phones_idx" ON "customers" USING gin ("phones");