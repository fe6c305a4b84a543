CREATE TYPE "public"."render_status" AS ENUM('queued', 'running', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "meshes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "renders_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"scene_id" uuid,
	"scene" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"status" "render_status" DEFAULT 'queued' NOT NULL,
	"samples_done" integer DEFAULT 0 NOT NULL,
	"samples_total" integer NOT NULL,
	"rate" real,
	"eta_ms" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"worker_id" text,
	"adapter" text,
	"owner" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "renders_seq_unique" UNIQUE("seq"),
	CONSTRAINT "renders_samples_check" CHECK ("renders"."samples_done" >= 0 AND "renders"."samples_total" > 0)
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"render_id" uuid NOT NULL,
	"scene_id" uuid,
	"image_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"exr_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"samples" integer NOT NULL,
	"render_ms" integer NOT NULL,
	"adapter" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "results_render_id_unique" UNIQUE("render_id")
);
--> statement-breakpoint
CREATE TABLE "scenes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "renders" ADD CONSTRAINT "renders_scene_id_scenes_id_fk" FOREIGN KEY ("scene_id") REFERENCES "public"."scenes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_render_id_renders_id_fk" FOREIGN KEY ("render_id") REFERENCES "public"."renders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_scene_id_scenes_id_fk" FOREIGN KEY ("scene_id") REFERENCES "public"."scenes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meshes_owner_idx" ON "meshes" USING btree ("owner","created_at");--> statement-breakpoint
CREATE INDEX "renders_owner_seq_idx" ON "renders" USING btree ("owner","seq");--> statement-breakpoint
CREATE INDEX "renders_status_seq_idx" ON "renders" USING btree ("status","seq");--> statement-breakpoint
CREATE INDEX "scenes_owner_updated_idx" ON "scenes" USING btree ("owner","updated_at");