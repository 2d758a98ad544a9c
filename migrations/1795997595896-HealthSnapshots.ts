import { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthSnapshots1795997595896 implements MigrationInterface {
  name = 'HealthSnapshots1795997595896';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "health_snapshots" (
                "organization_id" uuid NOT NULL,
                "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "score" smallint NOT NULL,
                "band" character varying(16) NOT NULL,
                CONSTRAINT "ck_health_snapshots_score" CHECK (
                    score BETWEEN 0 AND 100
                ),
                CONSTRAINT "pk_health_snapshots" PRIMARY KEY ("organization_id", "taken_at")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "health_snapshots"
            ADD CONSTRAINT "fk_health_snapshots_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "health_snapshots" DROP CONSTRAINT "fk_health_snapshots_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "health_snapshots"
        `);
  }
}
