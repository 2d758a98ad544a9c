import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only: a closure cancels only sessions that were not held, but closures used to be set on
 * every session of their day, attendance or not. Sessions with attendance recorded come out from
 * under their closure (held, counted and shown again); the version moves so calendar
 * subscribers see the change. Re-runnable (it matches nothing the second time). Not reversed:
 * down() cannot tell which sessions it changed, and putting held sessions back under a
 * closure would be the bug again.
 */
export class ClosuresKeepHeldSessions1796605949638 implements MigrationInterface {
  name = 'ClosuresKeepHeldSessions1796605949638';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE "program_sessions"
            SET "closure_id" = NULL, "version" = "version" + 1, "updated_at" = now()
            WHERE "closure_id" IS NOT NULL AND "attendance" IS NOT NULL
        `);
  }

  public async down(): Promise<void> {
    // Nothing to undo (see above).
  }
}
