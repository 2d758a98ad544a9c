import { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckInsAndDigests1795999431160 implements MigrationInterface {
  name = 'CheckInsAndDigests1795999431160';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."check_in_status" AS ENUM('open', 'closed')
        `);
    await queryRunner.query(`
            CREATE TABLE "check_ins" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "organization_id" uuid NOT NULL,
                "status" "public"."check_in_status" NOT NULL DEFAULT 'open',
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "opened_by_id" uuid,
                "area_scores" jsonb,
                "response_count" smallint NOT NULL DEFAULT '0',
                "last_response_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_check_ins_window" CHECK (closes_at > opened_at),
                CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_check_ins_status_closes_at" ON "check_ins" ("status", "closes_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_check_ins_organization_opened" ON "check_ins" ("organization_id", "opened_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_check_ins_open_per_organization" ON "check_ins" ("organization_id")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."check_in_respondent" AS ENUM('owner', 'partner')
        `);
    await queryRunner.query(`
            CREATE TABLE "check_in_responses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "check_in_id" uuid NOT NULL,
                "respondent" "public"."check_in_respondent" NOT NULL,
                "user_id" uuid,
                "contact_id" uuid,
                "answers" jsonb,
                "comment" text,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1825b91601ce980964a40e2516c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_check_in_responses_contact_id" ON "check_in_responses" ("contact_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_check_in_responses_user_id" ON "check_in_responses" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_check_in_responses_check_in_respondent" ON "check_in_responses" ("check_in_id", "respondent")
        `);
    await queryRunner.query(`
            CREATE TABLE "health_digests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "week_of" date NOT NULL,
                "content" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9502b7911882661c04e8e4783f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_health_digests_week_of" ON "health_digests" ("week_of")
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD "check_in_response_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD "digest_id" uuid
        `);
    // The kind enum is recreated rather than extended (ALTER TYPE … ADD VALUE): the new check
    // constraint uses the new values, which PostgreSQL forbids in the transaction that adds them.
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "ck_deliveries_kind"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."delivery_kind"
            RENAME TO "delivery_kind_old"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_kind" AS ENUM('reminder', 'invitation', 'check-in', 'digest')
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" ALTER COLUMN "kind" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ALTER COLUMN "kind" TYPE "public"."delivery_kind" USING "kind"::"text"::"public"."delivery_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" ALTER COLUMN "kind" SET DEFAULT 'reminder'
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_kind_old"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "ck_deliveries_kind" CHECK (
                (kind = 'reminder' AND reminder_id IS NOT NULL AND invitation_id IS NULL AND check_in_response_id IS NULL AND digest_id IS NULL)
                OR (kind = 'invitation' AND reminder_id IS NULL AND check_in_response_id IS NULL AND digest_id IS NULL)
                OR (kind = 'check-in' AND reminder_id IS NULL AND invitation_id IS NULL AND digest_id IS NULL)
                OR (kind = 'digest' AND reminder_id IS NULL AND invitation_id IS NULL AND check_in_response_id IS NULL)
            )
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."delivery_skip_reason"
            ADD VALUE 'check-in-closed'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."delivery_skip_reason"
            ADD VALUE 'check-in-answered'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deliveries_digest_recipient" ON "deliveries" ("digest_id", "recipient_key")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deliveries_check_in_response_id" ON "deliveries" ("check_in_response_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "check_ins"
            ADD CONSTRAINT "fk_check_ins_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "check_ins"
            ADD CONSTRAINT "fk_check_ins_opened_by" FOREIGN KEY ("opened_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "check_in_responses"
            ADD CONSTRAINT "fk_check_in_responses_check_in" FOREIGN KEY ("check_in_id") REFERENCES "check_ins"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "check_in_responses"
            ADD CONSTRAINT "fk_check_in_responses_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "check_in_responses"
            ADD CONSTRAINT "fk_check_in_responses_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_check_in_response" FOREIGN KEY ("check_in_response_id") REFERENCES "check_in_responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "fk_deliveries_digest" FOREIGN KEY ("digest_id") REFERENCES "health_digests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_digest"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_check_in_response"
        `);
    await queryRunner.query(`
            ALTER TABLE "check_in_responses" DROP CONSTRAINT "fk_check_in_responses_contact"
        `);
    await queryRunner.query(`
            ALTER TABLE "check_in_responses" DROP CONSTRAINT "fk_check_in_responses_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "check_in_responses" DROP CONSTRAINT "fk_check_in_responses_check_in"
        `);
    await queryRunner.query(`
            ALTER TABLE "check_ins" DROP CONSTRAINT "fk_check_ins_opened_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "check_ins" DROP CONSTRAINT "fk_check_ins_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deliveries_check_in_response_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deliveries_digest_recipient"
        `);
    await queryRunner.query(`
            UPDATE "deliveries" SET "skip_reason" = NULL WHERE "skip_reason" IN ('check-in-closed', 'check-in-answered')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_skip_reason_old" AS ENUM(
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
            ALTER TABLE "deliveries"
            ALTER COLUMN "skip_reason" TYPE "public"."delivery_skip_reason_old" USING "skip_reason"::"text"::"public"."delivery_skip_reason_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_skip_reason"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."delivery_skip_reason_old"
            RENAME TO "delivery_skip_reason"
        `);
    await queryRunner.query(`
            DELETE FROM "deliveries" WHERE "kind" IN ('check-in', 'digest')
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "ck_deliveries_kind"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_kind_old" AS ENUM('reminder', 'invitation')
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" ALTER COLUMN "kind" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ALTER COLUMN "kind" TYPE "public"."delivery_kind_old" USING "kind"::"text"::"public"."delivery_kind_old"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" ALTER COLUMN "kind" SET DEFAULT 'reminder'
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_kind"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."delivery_kind_old"
            RENAME TO "delivery_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "ck_deliveries_kind" CHECK (
                (kind = 'reminder' AND reminder_id IS NOT NULL AND invitation_id IS NULL)
                OR (kind = 'invitation' AND reminder_id IS NULL)
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP COLUMN "digest_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP COLUMN "check_in_response_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_health_digests_week_of"
        `);
    await queryRunner.query(`
            DROP TABLE "health_digests"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_check_in_responses_check_in_respondent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_check_in_responses_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_check_in_responses_contact_id"
        `);
    await queryRunner.query(`
            DROP TABLE "check_in_responses"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."check_in_respondent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_check_ins_open_per_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_check_ins_organization_opened"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_check_ins_status_closes_at"
        `);
    await queryRunner.query(`
            DROP TABLE "check_ins"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."check_in_status"
        `);
  }
}
