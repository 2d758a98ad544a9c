import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder rules with user and contact recipients, the delivery log (one row per email, unique per
 * reminder/occurrence/recipient; invitations too), and contacts' unsubscribe time.
 */

export class Reminders1795990305092 implements MigrationInterface {
  name = 'Reminders1795990305092';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."reminder_trigger_type" AS ENUM('session', 'once', 'task-due')
        `);
    await queryRunner.query(`
            CREATE TABLE "reminders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "title" character varying(200) NOT NULL,
                "message" text NOT NULL DEFAULT '',
                "trigger_type" "public"."reminder_trigger_type" NOT NULL,
                "program_id" uuid,
                "task_id" uuid,
                "offset_minutes" integer,
                "at" TIMESTAMP WITH TIME ZONE,
                "active" boolean NOT NULL DEFAULT true,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_reminders_offset" CHECK (
                    offset_minutes IS NULL
                    OR offset_minutes BETWEEN -43200 AND 43200
                ),
                CONSTRAINT "ck_reminders_trigger" CHECK (
                    (
                        trigger_type = 'session'
                        AND program_id IS NOT NULL
                        AND offset_minutes IS NOT NULL
                        AND task_id IS NULL
                        AND at IS NULL
                    )
                    OR (
                        trigger_type = 'once'
                        AND at IS NOT NULL
                        AND program_id IS NULL
                        AND task_id IS NULL
                        AND offset_minutes IS NULL
                    )
                    OR (
                        trigger_type = 'task-due'
                        AND task_id IS NOT NULL
                        AND offset_minutes IS NOT NULL
                        AND program_id IS NULL
                        AND at IS NULL
                    )
                ),
                CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reminders_task_id" ON "reminders" ("task_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reminders_program_id" ON "reminders" ("program_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_kind" AS ENUM('reminder', 'invitation')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_status" AS ENUM(
                'scheduled',
                'sending',
                'sent',
                'failed',
                'skipped'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_skip_reason" AS ENUM(
                'rule-inactive',
                'not-recipient',
                'recipient-inactive',
                'recipient-erased',
                'unsubscribed',
                'no-email',
                'session-cancelled',
                'program-inactive',
                'occurrence-gone',
                'task-done',
                'too-late',
                'invitation-spent'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" "public"."delivery_kind" NOT NULL DEFAULT 'reminder',
                "reminder_id" uuid,
                "invitation_id" uuid,
                "occurrence_key" character varying(80) NOT NULL,
                "occurrence_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "session_id" uuid,
                "recipient_key" character varying(60) NOT NULL,
                "recipient_user_id" uuid,
                "recipient_contact_id" uuid,
                "status" "public"."delivery_status" NOT NULL DEFAULT 'scheduled',
                "skip_reason" "public"."delivery_skip_reason",
                "attempts" integer NOT NULL DEFAULT '0',
                "late" boolean NOT NULL DEFAULT false,
                "claim_token" uuid,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "last_error" character varying(500),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_deliveries_attempts" CHECK (attempts >= 0),
                CONSTRAINT "ck_deliveries_kind" CHECK (
                    (
                        kind = 'reminder'
                        AND reminder_id IS NOT NULL
                        AND invitation_id IS NULL
                    )
                    OR (
                        kind = 'invitation'
                        AND reminder_id IS NULL
                    )
                ),
                CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deliveries_recipient_user_id" ON "deliveries" ("recipient_user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deliveries_recipient_contact_id" ON "deliveries" ("recipient_contact_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deliveries_session_id" ON "deliveries" ("session_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deliveries_reminder_due" ON "deliveries" ("reminder_id", "due_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deliveries_status_next_attempt" ON "deliveries" ("status", "next_attempt_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deliveries_invitation_id" ON "deliveries" ("invitation_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deliveries_reminder_occurrence_recipient" ON "deliveries" ("reminder_id", "occurrence_key", "recipient_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_users" (
                "reminder_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_00ea4a8bfa237d82cdff6cabea4" PRIMARY KEY ("reminder_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_945bba706e3d20e3f0c7f83471" ON "reminder_users" ("reminder_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_74982231c8aa61d7bb06be4f4b" ON "reminder_users" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_contacts" (
                "reminder_id" uuid NOT NULL,
                "contact_id" uuid NOT NULL,
                CONSTRAINT "PK_70851fde0f11157b6884450579e" PRIMARY KEY ("reminder_id", "contact_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7b2e9506720715f0e34690aa6b" ON "reminder_contacts" ("reminder_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d269c6af296105df885f497a84" ON "reminder_contacts" ("contact_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "contacts"
            ADD "unsubscribed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "fk_reminders_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "fk_reminders_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_reminder" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_invitation" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_session" FOREIGN KEY ("session_id") REFERENCES "program_sessions"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_recipient_user" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_recipient_contact" FOREIGN KEY ("recipient_contact_id") REFERENCES "contacts"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_users"
            ADD CONSTRAINT "fk_reminder_users_reminder" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_users"
            ADD CONSTRAINT "fk_reminder_users_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_contacts"
            ADD CONSTRAINT "fk_reminder_contacts_reminder" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_contacts"
            ADD CONSTRAINT "fk_reminder_contacts_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reminder_contacts" DROP CONSTRAINT "fk_reminder_contacts_contact"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_contacts" DROP CONSTRAINT "fk_reminder_contacts_reminder"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_users" DROP CONSTRAINT "fk_reminder_users_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_users" DROP CONSTRAINT "fk_reminder_users_reminder"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_recipient_contact"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_recipient_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_session"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_invitation"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_reminder"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "fk_reminders_task"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "fk_reminders_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "contacts" DROP COLUMN "unsubscribed_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d269c6af296105df885f497a84"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7b2e9506720715f0e34690aa6b"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_contacts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_74982231c8aa61d7bb06be4f4b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_945bba706e3d20e3f0c7f83471"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deliveries_reminder_occurrence_recipient"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deliveries_invitation_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deliveries_status_next_attempt"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deliveries_reminder_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deliveries_session_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deliveries_recipient_contact_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deliveries_recipient_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "deliveries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_skip_reason"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reminders_program_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reminders_task_id"
        `);
    await queryRunner.query(`
            DROP TABLE "reminders"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."reminder_trigger_type"
        `);
  }
}
