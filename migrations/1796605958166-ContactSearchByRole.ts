import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact search (`q`) matches name and title for everyone and email and phone only for staff+
 * (`contactSearchCondition` in contact.mapper.ts), so the one trigram index over
 * name + title + email becomes one per expression; a staff search ORs the two (bitmap OR).
 */
export class ContactSearchByRole1796605958166 implements MigrationInterface {
  name = 'ContactSearchByRole1796605958166';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_search_trgm"`);
    await queryRunner.query(`
            CREATE INDEX "ix_contacts_search_trgm" ON "contacts"
            USING gin (tandem_fold("name" || ' ' || coalesce("title", '')) gin_trgm_ops)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contacts_details_search_trgm" ON "contacts"
            USING gin (tandem_fold(coalesce("email", '') || ' ' || coalesce("phone", '')) gin_trgm_ops)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_details_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_search_trgm"`);
    await queryRunner.query(`
            CREATE INDEX "ix_contacts_search_trgm" ON "contacts"
            USING gin (tandem_fold("name" || ' ' || coalesce("title", '') || ' ' || coalesce("email", '')) gin_trgm_ops)
        `);
  }
}
