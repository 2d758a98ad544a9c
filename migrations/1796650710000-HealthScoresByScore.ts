import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's page of the portfolio, worst first, read by walking the stored scores in score
 * order (issue 20): the first page of 50 at 5,000 organizations reads about 60 rows in well under
 * a millisecond instead of sorting them all (7–10 ms of the database's CPU on every look, which
 * the other users' requests wait for on a small server). The organization id makes the walk
 * cover the join without reading the table.
 */
export class HealthScoresByScore1796650710000 implements MigrationInterface {
  name = 'HealthScoresByScore1796650710000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_health_scores_score" ON "health_scores" ("score", "organization_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_health_scores_score"`);
  }
}
