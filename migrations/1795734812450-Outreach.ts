import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outreach1795734812450 implements MigrationInterface {
  name = 'Outreach1795734812450';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."program_partner_role" AS ENUM('host', 'co-facilitator', 'referral')
        `);
    await queryRunner.query(`
            CREATE TABLE "program_partners" (
                "program_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "role" "public"."program_partner_role" NOT NULL,
                CONSTRAINT "pk_program_partners" PRIMARY KEY ("program_id", "organization_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_program_partners_organization_id" ON "program_partners" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."program_status" AS ENUM('planned', 'running', 'paused', 'completed')
        `);
    await queryRunner.query(`
            CREATE TABLE "programs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "name" character varying(200) NOT NULL,
                "description" text,
                "status" "public"."program_status" NOT NULL DEFAULT 'planned',
                "audience_ids" uuid array NOT NULL DEFAULT '{}',
                "library_goal" text,
                "partner_goal" text,
                "rrule" character varying(500) NOT NULL,
                "timezone" character varying(64) NOT NULL,
                "start_time" character varying(5) NOT NULL,
                "duration_minutes" integer NOT NULL,
                "location" character varying(300),
                "start_date" date NOT NULL,
                "end_date" date,
                "materialized_until" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_programs_dates" CHECK (
                    end_date IS NULL
                    OR end_date >= start_date
                ),
                CONSTRAINT "ck_programs_duration" CHECK (
                    duration_minutes BETWEEN 1 AND 1440
                ),
                CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_programs_status" ON "programs" ("status")
        `);
    // Hand-written (synchronize: false on the entity): the audience filter and the
    // vocabulary in-use check, as for organizations.
    await queryRunner.query(`
            CREATE INDEX "ix_programs_audience_ids" ON "programs" USING gin ("audience_ids")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."visit_purpose" AS ENUM(
                'relationship',
                'invitations',
                'program-delivery',
                'planning',
                'other'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "visits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "organization_id" uuid NOT NULL,
                "program_id" uuid,
                "visited_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "location" character varying(300),
                "purpose" "public"."visit_purpose" NOT NULL,
                "invitations_handed_out" integer NOT NULL DEFAULT '0',
                "people_reached" integer NOT NULL DEFAULT '0',
                "notes" text,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_visits_counts" CHECK (
                    invitations_handed_out >= 0
                    AND people_reached >= 0
                ),
                CONSTRAINT "PK_0b0b322289a41015c6ea4e8bf30" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_visits_program_id" ON "visits" ("program_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_visits_visited_at" ON "visits" ("visited_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_visits_org_visited_at" ON "visits" ("organization_id", "visited_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "closures" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "date" date NOT NULL,
                "name" character varying(200) NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_46899be9fc60da350bc4d55a2de" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_closures_date" ON "closures" ("date")
        `);
    await queryRunner.query(`
            CREATE TABLE "program_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "program_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "local_date" date NOT NULL,
                "cancelled" boolean NOT NULL DEFAULT false,
                "closure_id" uuid,
                "attendance" integer,
                "notes" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_program_sessions_times" CHECK (ends_at > starts_at),
                CONSTRAINT "ck_program_sessions_attendance" CHECK (
                    attendance IS NULL
                    OR attendance >= 0
                ),
                CONSTRAINT "PK_e3ceb0981899cdf727f81dd487d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_program_sessions_closure_id" ON "program_sessions" ("closure_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_program_sessions_local_date" ON "program_sessions" ("local_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_program_sessions_starts_at" ON "program_sessions" ("starts_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_program_sessions_program_starts_at" ON "program_sessions" ("program_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "program_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_e5bfa5cdcd8fbae99678090afa6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_feedback_links_program_id" ON "feedback_links" ("program_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_feedback_links_token_hash" ON "feedback_links" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."feedback_source" AS ENUM('partner', 'youth', 'staff')
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "source" "public"."feedback_source" NOT NULL,
                "organization_id" uuid,
                "program_id" uuid,
                "session_id" uuid,
                "rating" smallint NOT NULL,
                "outcome_knowledge" smallint,
                "outcome_confidence" smallint,
                "outcome_application" smallint,
                "outcome_awareness" smallint,
                "worked" text,
                "didnt_work" text,
                "suggestions" text,
                "action_taken" text,
                "feedback_link_id" uuid,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_feedback_outcomes" CHECK (
                    (
                        outcome_knowledge IS NULL
                        OR outcome_knowledge BETWEEN 1 AND 5
                    )
                    AND (
                        outcome_confidence IS NULL
                        OR outcome_confidence BETWEEN 1 AND 5
                    )
                    AND (
                        outcome_application IS NULL
                        OR outcome_application BETWEEN 1 AND 5
                    )
                    AND (
                        outcome_awareness IS NULL
                        OR outcome_awareness BETWEEN 1 AND 5
                    )
                ),
                CONSTRAINT "ck_feedback_rating" CHECK (
                    rating BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_8389f9e087a57689cd5be8b2b13" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_feedback_session_id" ON "feedback" ("session_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_feedback_created_at" ON "feedback" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_feedback_program_id" ON "feedback" ("program_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_feedback_org_created" ON "feedback" ("organization_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."task_status" AS ENUM('open', 'done')
        `);
    await queryRunner.query(`
            CREATE TABLE "tasks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "title" character varying(200) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "assignee_id" uuid NOT NULL,
                "organization_id" uuid,
                "program_id" uuid,
                "visit_id" uuid,
                "status" "public"."task_status" NOT NULL DEFAULT 'open',
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_tasks_organization_id" ON "tasks" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_tasks_status_due" ON "tasks" ("status", "due_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_tasks_assignee_status_due" ON "tasks" ("assignee_id", "status", "due_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "visit_staff" (
                "visit_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_8d06c36816e300a10e523ed5692" PRIMARY KEY ("visit_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5487683a4a2c9cb00debad7088" ON "visit_staff" ("visit_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_85bf68c57f79aa13aede1ffb1f" ON "visit_staff" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "visit_contacts" (
                "visit_id" uuid NOT NULL,
                "contact_id" uuid NOT NULL,
                CONSTRAINT "PK_a1ddfa1af5e4df9ba9db514c128" PRIMARY KEY ("visit_id", "contact_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a4f4d1e374a98deb5ca88a8166" ON "visit_contacts" ("visit_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_32a76d2a9f1fcfe888756e7f64" ON "visit_contacts" ("contact_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "program_partners"
            ADD CONSTRAINT "fk_program_partners_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "program_partners"
            ADD CONSTRAINT "fk_program_partners_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visits"
            ADD CONSTRAINT "fk_visits_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visits"
            ADD CONSTRAINT "fk_visits_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "program_sessions"
            ADD CONSTRAINT "fk_program_sessions_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "program_sessions"
            ADD CONSTRAINT "fk_program_sessions_closure" FOREIGN KEY ("closure_id") REFERENCES "closures"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_links"
            ADD CONSTRAINT "fk_feedback_links_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "fk_feedback_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "fk_feedback_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "fk_feedback_session" FOREIGN KEY ("session_id") REFERENCES "program_sessions"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "fk_feedback_link" FOREIGN KEY ("feedback_link_id") REFERENCES "feedback_links"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_visit" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_staff"
            ADD CONSTRAINT "fk_visit_staff_visit" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_staff"
            ADD CONSTRAINT "fk_visit_staff_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_contacts"
            ADD CONSTRAINT "fk_visit_contacts_visit" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_contacts"
            ADD CONSTRAINT "fk_visit_contacts_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "visit_contacts" DROP CONSTRAINT "fk_visit_contacts_contact"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_contacts" DROP CONSTRAINT "fk_visit_contacts_visit"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_staff" DROP CONSTRAINT "fk_visit_staff_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "visit_staff" DROP CONSTRAINT "fk_visit_staff_visit"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_visit"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_assignee"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "fk_feedback_link"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "fk_feedback_session"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "fk_feedback_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "fk_feedback_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_links" DROP CONSTRAINT "fk_feedback_links_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "program_sessions" DROP CONSTRAINT "fk_program_sessions_closure"
        `);
    await queryRunner.query(`
            ALTER TABLE "program_sessions" DROP CONSTRAINT "fk_program_sessions_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "visits" DROP CONSTRAINT "fk_visits_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "visits" DROP CONSTRAINT "fk_visits_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "program_partners" DROP CONSTRAINT "fk_program_partners_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "program_partners" DROP CONSTRAINT "fk_program_partners_program"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_32a76d2a9f1fcfe888756e7f64"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a4f4d1e374a98deb5ca88a8166"
        `);
    await queryRunner.query(`
            DROP TABLE "visit_contacts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_85bf68c57f79aa13aede1ffb1f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5487683a4a2c9cb00debad7088"
        `);
    await queryRunner.query(`
            DROP TABLE "visit_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_assignee_status_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_status_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_organization_id"
        `);
    await queryRunner.query(`
            DROP TABLE "tasks"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."task_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_org_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_program_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_session_id"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."feedback_source"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_feedback_links_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_links_program_id"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_links"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_program_sessions_program_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_program_sessions_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_program_sessions_local_date"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_program_sessions_closure_id"
        `);
    await queryRunner.query(`
            DROP TABLE "program_sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_closures_date"
        `);
    await queryRunner.query(`
            DROP TABLE "closures"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_visits_org_visited_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_visits_visited_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_visits_program_id"
        `);
    await queryRunner.query(`
            DROP TABLE "visits"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."visit_purpose"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_programs_audience_ids"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_programs_status"
        `);
    await queryRunner.query(`
            DROP TABLE "programs"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."program_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_program_partners_organization_id"
        `);
    await queryRunner.query(`
            DROP TABLE "program_partners"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."program_partner_role"
        `);
  }
}
