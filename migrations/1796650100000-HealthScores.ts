import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The health score kept up to date (partnership/health-score-store.service.ts): `health_scores`
 * holds each organization's score, band and drivers as of a refresh; `health_changes` is an
 * append-only log of organizations whose facts changed since, written by statement-level
 * triggers on every table the score reads, so no write path (API, CSV import, demo data, a
 * manual UPDATE) can forget to say so. Inserts never wait on one another, so the triggers add no
 * lock contention. `health_refresh_seq` orders refreshes: an older one never overwrites a newer.
 */

/** Per table: the organizations a changed row concerns, selected from the transition table `changed_rows`. */
const AFFECTED: Record<string, string> = {
  organizations: `SELECT id FROM changed_rows`,
  visits: `SELECT organization_id FROM changed_rows`,
  notes: `SELECT organization_id FROM changed_rows WHERE organization_id IS NOT NULL`,
  tasks: `SELECT organization_id FROM changed_rows WHERE organization_id IS NOT NULL`,
  check_ins: `SELECT organization_id FROM changed_rows`,
  program_partners: `SELECT organization_id FROM changed_rows`,
  programs: `SELECT pp.organization_id FROM changed_rows c JOIN program_partners pp ON pp.program_id = c.id`,
  program_sessions: `SELECT pp.organization_id FROM changed_rows c JOIN program_partners pp ON pp.program_id = c.program_id`,
  feedback: `SELECT organization_id FROM changed_rows WHERE organization_id IS NOT NULL
             UNION SELECT pp.organization_id FROM changed_rows c JOIN program_partners pp ON pp.program_id = c.program_id`,
  // The weights and bands: every organization's score changes with them.
  settings: `SELECT o.id FROM organizations o WHERE EXISTS (SELECT 1 FROM changed_rows WHERE key = 'health')`,
};

/** Statement-level triggers can name one transition table per event: new rows for INSERT and UPDATE, old rows for UPDATE and DELETE. */
const EVENTS = [
  { suffix: 'ins', event: 'INSERT', table: 'NEW' },
  { suffix: 'upd_new', event: 'UPDATE', table: 'NEW' },
  { suffix: 'upd_old', event: 'UPDATE', table: 'OLD' },
  { suffix: 'del', event: 'DELETE', table: 'OLD' },
] as const;

export class HealthScores1796650100000 implements MigrationInterface {
  name = 'HealthScores1796650100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "health_scores" (
                "organization_id" uuid NOT NULL,
                "score" smallint,
                "band" character varying(16) NOT NULL,
                "drivers" jsonb NOT NULL,
                "refresh_seq" bigint NOT NULL,
                "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_health_scores_score" CHECK (
                    score BETWEEN 0 AND 100
                ),
                CONSTRAINT "pk_health_scores" PRIMARY KEY ("organization_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_health_scores_valid_until" ON "health_scores" ("valid_until")
        `);
    await queryRunner.query(`
            ALTER TABLE "health_scores"
            ADD CONSTRAINT "fk_health_scores_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE TABLE "health_changes" (
                "id" BIGSERIAL NOT NULL,
                "organization_id" uuid NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_health_changes" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE SEQUENCE "health_refresh_seq"`);

    for (const [table, affected] of Object.entries(AFFECTED)) {
      await queryRunner.query(`
            CREATE FUNCTION "health_changed_${table}"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO health_changes (organization_id)
              SELECT DISTINCT a.id FROM (${affected}) AS a(id) WHERE a.id IS NOT NULL;
              RETURN NULL;
            END $$
        `);
      for (const { suffix, event, table: transition } of EVENTS) {
        await queryRunner.query(`
            CREATE TRIGGER "tr_${table}_health_${suffix}" AFTER ${event} ON "${table}"
            REFERENCING ${transition} TABLE AS changed_rows
            FOR EACH STATEMENT EXECUTE FUNCTION "health_changed_${table}"()
        `);
      }
    }
    // Every organization there is now is scored by the first refresh.
    await queryRunner.query(`INSERT INTO health_changes (organization_id) SELECT id FROM organizations`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(AFFECTED)) {
      for (const { suffix } of EVENTS) {
        await queryRunner.query(`DROP TRIGGER "tr_${table}_health_${suffix}" ON "${table}"`);
      }
      await queryRunner.query(`DROP FUNCTION "health_changed_${table}"()`);
    }
    await queryRunner.query(`DROP SEQUENCE "health_refresh_seq"`);
    await queryRunner.query(`DROP TABLE "health_changes"`);
    await queryRunner.query(`
            ALTER TABLE "health_scores" DROP CONSTRAINT "fk_health_scores_organization"
        `);
    await queryRunner.query(`DROP INDEX "public"."ix_health_scores_valid_until"`);
    await queryRunner.query(`DROP TABLE "health_scores"`);
  }
}
