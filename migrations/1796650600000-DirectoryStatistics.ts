import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planner statistics for the directory's filters, kept fine enough that the search plan stays the
 * same as a directory grows (issue 20): PostgreSQL samples 100 values per column by default,
 * which at tens of thousands of partners misjudges how many match a search word, a stage or an
 * audience, and then picks a sequential scan, or the wrong index, for the first page. 1,000 is
 * what the planner reads for these columns at ANALYZE (autovacuum's, or after a large import).
 */
export class DirectoryStatistics1796650600000 implements MigrationInterface {
  name = 'DirectoryStatistics1796650600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "stage" SET STATISTICS 1000`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "audience_ids" SET STATISTICS 1000`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "owner_id" SET STATISTICS 1000`);
    // The trigram search's expression (name, mission, notes folded): its statistics live with the index.
    await queryRunner.query(`ALTER INDEX "ix_organizations_search_trgm" ALTER COLUMN 1 SET STATISTICS 1000`);
    await queryRunner.query(`ANALYZE "organizations"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX "ix_organizations_search_trgm" ALTER COLUMN 1 SET STATISTICS -1`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "owner_id" SET STATISTICS -1`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "audience_ids" SET STATISTICS -1`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "stage" SET STATISTICS -1`);
  }
}
