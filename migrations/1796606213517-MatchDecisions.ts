import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching: dismissals become decisions (`match_decisions`): a suggestion is dismissed or
 * introduced, with who decided and when, the follow-up task an introduction made, its note and
 * a snapshot of the suggestion (capability, audiences, kind, strength, explanation). Existing
 * dismissals are kept (status 'dismissed', no snapshot: the list shows their current reasons).
 */
export class MatchDecisions1796606213517 implements MigrationInterface {
  name = 'MatchDecisions1796606213517';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_dismissals" RENAME TO "match_decisions"`);
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "pk_match_dismissals" TO "pk_match_decisions"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "ck_match_dismissals_pair" TO "ck_match_decisions_pair"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "fk_match_dismissals_provider" TO "fk_match_decisions_provider"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "fk_match_dismissals_seeker" TO "fk_match_decisions_seeker"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "fk_match_dismissals_dismissed_by" TO "fk_match_decisions_decided_by"`,
    );
    await queryRunner.query(
      `ALTER INDEX "uq_match_dismissals_provider_seeker" RENAME TO "uq_match_decisions_provider_seeker"`,
    );
    await queryRunner.query(`ALTER INDEX "ix_match_dismissals_seeker_id" RENAME TO "ix_match_decisions_seeker_id"`);
    await queryRunner.query(`ALTER TABLE "match_decisions" RENAME COLUMN "dismissed_by_id" TO "decided_by_id"`);
    await queryRunner.query(`ALTER TABLE "match_decisions" RENAME COLUMN "dismissed_at" TO "decided_at"`);
    await queryRunner.query(`
            ALTER TABLE "match_decisions"
            ADD "status" character varying(20) NOT NULL DEFAULT 'dismissed',
            ADD "task_id" uuid,
            ADD "note" text,
            ADD "capability_id" uuid,
            ADD "audience_ids" uuid array,
            ADD "kind" character varying(20),
            ADD "strength" smallint,
            ADD "explanation" text
        `);
    await queryRunner.query(`ALTER TABLE "match_decisions" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "match_decisions" ADD CONSTRAINT "ck_match_decisions_status" CHECK (status IN ('dismissed', 'introduced'))`,
    );
    await queryRunner.query(`
            ALTER TABLE "match_decisions"
            ADD CONSTRAINT "fk_match_decisions_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_match_decisions_status_decided_at" ON "match_decisions" ("status", "decided_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Introductions have no place in the old table: only the dismissals go back.
    await queryRunner.query(`DELETE FROM "match_decisions" WHERE status <> 'dismissed'`);
    await queryRunner.query(`DROP INDEX "public"."ix_match_decisions_status_decided_at"`);
    await queryRunner.query(`ALTER TABLE "match_decisions" DROP CONSTRAINT "fk_match_decisions_task"`);
    await queryRunner.query(`ALTER TABLE "match_decisions" DROP CONSTRAINT "ck_match_decisions_status"`);
    await queryRunner.query(`
            ALTER TABLE "match_decisions"
            DROP COLUMN "explanation", DROP COLUMN "strength", DROP COLUMN "kind", DROP COLUMN "audience_ids",
            DROP COLUMN "capability_id", DROP COLUMN "note", DROP COLUMN "task_id", DROP COLUMN "status"
        `);
    await queryRunner.query(`ALTER TABLE "match_decisions" RENAME COLUMN "decided_at" TO "dismissed_at"`);
    await queryRunner.query(`ALTER TABLE "match_decisions" RENAME COLUMN "decided_by_id" TO "dismissed_by_id"`);
    await queryRunner.query(`ALTER INDEX "ix_match_decisions_seeker_id" RENAME TO "ix_match_dismissals_seeker_id"`);
    await queryRunner.query(
      `ALTER INDEX "uq_match_decisions_provider_seeker" RENAME TO "uq_match_dismissals_provider_seeker"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "fk_match_decisions_decided_by" TO "fk_match_dismissals_dismissed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "fk_match_decisions_seeker" TO "fk_match_dismissals_seeker"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "fk_match_decisions_provider" TO "fk_match_dismissals_provider"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "ck_match_decisions_pair" TO "ck_match_dismissals_pair"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_decisions" RENAME CONSTRAINT "pk_match_decisions" TO "pk_match_dismissals"`,
    );
    await queryRunner.query(`ALTER TABLE "match_decisions" RENAME TO "match_dismissals"`);
  }
}
