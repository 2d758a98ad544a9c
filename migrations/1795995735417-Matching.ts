import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dismissed introduction suggestions (matching): one row per dismissed directed pair, keyed by the
 * suggestion's name-based uuid; goes with either organization, keeps who dismissed it and when.
 */

export class Matching1795995735417 implements MigrationInterface {
  name = 'Matching1795995735417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "match_dismissals" (
                "id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "seeker_id" uuid NOT NULL,
                "dismissed_by_id" uuid,
                "dismissed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_match_dismissals_pair" CHECK (provider_id <> seeker_id),
                CONSTRAINT "pk_match_dismissals" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_dismissals_seeker_id" ON "match_dismissals" ("seeker_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_match_dismissals_provider_seeker" ON "match_dismissals" ("provider_id", "seeker_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "match_dismissals"
            ADD CONSTRAINT "fk_match_dismissals_provider" FOREIGN KEY ("provider_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_dismissals"
            ADD CONSTRAINT "fk_match_dismissals_seeker" FOREIGN KEY ("seeker_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_dismissals"
            ADD CONSTRAINT "fk_match_dismissals_dismissed_by" FOREIGN KEY ("dismissed_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "match_dismissals" DROP CONSTRAINT "fk_match_dismissals_dismissed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "match_dismissals" DROP CONSTRAINT "fk_match_dismissals_seeker"
        `);
    await queryRunner.query(`
            ALTER TABLE "match_dismissals" DROP CONSTRAINT "fk_match_dismissals_provider"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_match_dismissals_provider_seeker"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_dismissals_seeker_id"
        `);
    await queryRunner.query(`
            DROP TABLE "match_dismissals"
        `);
  }
}
