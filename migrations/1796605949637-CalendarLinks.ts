import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user calendar subscription links (one per user and program). Replaces the stateless
 * per-program feed key (`calendar-feed:v1`), which no one could revoke: those links stop working.
 */
export class CalendarLinks1796605949637 implements MigrationInterface {
  name = 'CalendarLinks1796605949637';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "program_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a01cdd1bb80468b37810f29f6da" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_calendar_links_program_id" ON "calendar_links" ("program_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_links_user_program" ON "calendar_links" ("user_id", "program_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_links"
            ADD CONSTRAINT "fk_calendar_links_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_links"
            ADD CONSTRAINT "fk_calendar_links_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "calendar_links" DROP CONSTRAINT "fk_calendar_links_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_links" DROP CONSTRAINT "fk_calendar_links_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_links_user_program"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_calendar_links_program_id"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_links"
        `);
  }
}
