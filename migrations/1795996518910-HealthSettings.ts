import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Application settings an admin changes at run time, one row per key (`health`: the weights and
 * band thresholds of the partnership health score). No row means the code's defaults; the row
 * keeps its version (optimistic concurrency) and who changed it last.
 */

export class HealthSettings1795996518910 implements MigrationInterface {
  name = 'HealthSettings1795996518910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "settings" (
                "key" character varying(40) NOT NULL,
                "value" jsonb NOT NULL,
                "version" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by_id" uuid,
                CONSTRAINT "pk_settings" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "settings"
            ADD CONSTRAINT "fk_settings_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "settings" DROP CONSTRAINT "fk_settings_updated_by"
        `);
    await queryRunner.query(`
            DROP TABLE "settings"
        `);
  }
}
