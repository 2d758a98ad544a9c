import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programs and contacts get the language Tandem speaks to their public in (`programs.language`:
 * the feedback form and poster; `contacts.language`: the emails to the person), a BCP 47
 * primary tag. Existing rows take the library's default language (the `library` row of
 * `settings`, English when there is none or it holds no usable tag). There is no column
 * default: the app always writes the library's default of the moment. Feedback records the
 * language it was given in (`feedback.language`), null when not known (entered by staff, or
 * given before this).
 */
const PRIMARY_TAG = `'^[a-z]{2,3}$'`;

export class Languages1796650300000 implements MigrationInterface {
  name = 'Languages1796650300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT value->>'defaultLanguage' AS language FROM "settings" WHERE "key" = 'library'`,
    )) as { language: unknown }[];
    const stored = rows[0]?.language;
    // Checked before it goes into the DDL below (a default cannot be a bind parameter).
    const language = typeof stored === 'string' && /^[a-z]{2,3}$/.test(stored) ? stored : 'en';
    for (const table of ['programs', 'contacts']) {
      // Adding with a constant default fills existing rows without rewriting the table.
      await queryRunner.query(`ALTER TABLE "${table}" ADD "language" text NOT NULL DEFAULT '${language}'`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "language" DROP DEFAULT`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_language" CHECK (language ~ ${PRIMARY_TAG})`,
      );
    }
    await queryRunner.query(`ALTER TABLE "feedback" ADD "language" text`);
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "ck_feedback_language" CHECK (language ~ ${PRIMARY_TAG})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['feedback', 'contacts', 'programs']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_language"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "language"`);
    }
  }
}
