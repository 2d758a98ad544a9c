import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `matching_change_seq` moves on whenever anything the match suggestions are ranked from changes
 * (organizations, their vocabularies, running programs and their partners, decisions): statement
 * triggers call nextval, which takes no lock. MatchingService keeps the strongest suggestions in
 * memory under the sequence's value and ranks again only when it has moved, so the dashboard
 * does not rank every pair of a large directory on every look.
 */
const TABLES = ['organizations', 'audiences', 'capabilities', 'programs', 'program_partners', 'match_decisions'];

export class MatchingVersion1796650200000 implements MigrationInterface {
  name = 'MatchingVersion1796650200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "matching_change_seq"`);
    await queryRunner.query(`
            CREATE FUNCTION "matching_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM nextval('matching_change_seq');
              RETURN NULL;
            END $$
        `);
    for (const table of TABLES) {
      await queryRunner.query(`
            CREATE TRIGGER "tr_${table}_matching" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
            FOR EACH STATEMENT EXECUTE FUNCTION "matching_changed"()
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER "tr_${table}_matching" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "matching_changed"()`);
    await queryRunner.query(`DROP SEQUENCE "matching_change_seq"`);
  }
}
