import { MigrationInterface, QueryRunner } from 'typeorm';

export class Directory1795717325858 implements MigrationInterface {
  name = 'Directory1795717325858';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Accent- and case-insensitive search: unaccent is only STABLE, so it is wrapped in an
    // IMMUTABLE function (the dictionary named explicitly) that expression indexes accept.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
            CREATE FUNCTION tandem_fold(value text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "entity_type" character varying(40) NOT NULL,
                "entity_id" uuid NOT NULL,
                "action" character varying(10) NOT NULL,
                "changes" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_occurred_at" ON "audit_events" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_actor" ON "audit_events" ("actor_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_entity" ON "audit_events" ("entity_type", "entity_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."organization_stage" AS ENUM(
                'prospect',
                'exploring',
                'active',
                'paused',
                'ended'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "name" character varying(200) NOT NULL,
                "type" character varying(80),
                "website" character varying(500),
                "email" character varying(254),
                "phone" character varying(40),
                "address" character varying(500),
                "mission" text,
                "notes" text,
                "stage" "public"."organization_stage" NOT NULL DEFAULT 'prospect',
                "owner_id" uuid,
                "audience_ids" uuid array NOT NULL DEFAULT '{}',
                "capability_ids" uuid array NOT NULL DEFAULT '{}',
                "seeks_capability_ids" uuid array NOT NULL DEFAULT '{}',
                "tags" character varying(50) array NOT NULL DEFAULT '{}',
                "fit_audience_reach" smallint NOT NULL DEFAULT '0',
                "fit_mission_overlap" smallint NOT NULL DEFAULT '0',
                "fit_complementary_resources" smallint NOT NULL DEFAULT '0',
                "fit_notes" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_organizations_fit" CHECK (
                    fit_audience_reach BETWEEN 0 AND 5
                    AND fit_mission_overlap BETWEEN 0 AND 5
                    AND fit_complementary_resources BETWEEN 0 AND 5
                ),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organizations_stage" ON "organizations" ("stage")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organizations_owner_id" ON "organizations" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organizations_created_at" ON "organizations" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organizations_updated_at" ON "organizations" ("updated_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."contact_channel" AS ENUM('email', 'phone', 'text', 'in-person')
        `);
    await queryRunner.query(`
            CREATE TABLE "contacts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "organization_id" uuid NOT NULL,
                "name" character varying(120) NOT NULL,
                "title" character varying(120),
                "email" character varying(254),
                "phone" character varying(40),
                "preferred_channel" "public"."contact_channel" NOT NULL DEFAULT 'email',
                "is_primary" boolean NOT NULL DEFAULT false,
                "notes" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_contacts_organization_id" ON "contacts" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "notes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "body" text NOT NULL,
                "author_id" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_af6206538ea96c4e77e9f400c3d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notes_org_created" ON "notes" ("organization_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "organization_stage_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "from_stage" "public"."organization_stage",
                "to_stage" "public"."organization_stage" NOT NULL,
                "reason" character varying(500),
                "changed_by_id" uuid,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_59281cc7ee6847776a1c18d994c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_stage_changes_org_at" ON "organization_stage_changes" ("organization_id", "changed_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "audiences" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "description" text,
                "priority" smallint NOT NULL,
                "estimated_population" integer,
                "source" character varying(300),
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_audiences_priority" CHECK (
                    priority BETWEEN 1 AND 3
                ),
                CONSTRAINT "PK_d87c8fe1be471372dd505a9dc1f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "capabilities" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "description" text,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c94fe6cafdb7646522a915893fd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "organizations"
            ADD CONSTRAINT "fk_organizations_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "contacts"
            ADD CONSTRAINT "fk_contacts_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notes"
            ADD CONSTRAINT "fk_notes_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organization_stage_changes"
            ADD CONSTRAINT "fk_stage_changes_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Indexes TypeORM cannot describe (expressions, GIN, partial); entities mark them
    // `synchronize: false` so the schema diff leaves them alone.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audiences_name_lower" ON "audiences" (lower("name"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_capabilities_name_lower" ON "capabilities" (lower("name"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organizations_name_lower" ON "organizations" (lower("name"))`);
    await queryRunner.query(`
            CREATE INDEX "ix_organizations_search_trgm" ON "organizations"
            USING gin (tandem_fold("name" || ' ' || coalesce("mission", '') || ' ' || coalesce("notes", '')) gin_trgm_ops)
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_organizations_audience_ids" ON "organizations" USING gin ("audience_ids")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organizations_capability_ids" ON "organizations" USING gin ("capability_ids")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organizations_seeks_capability_ids" ON "organizations" USING gin ("seeks_capability_ids")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organizations_tags" ON "organizations" USING gin ("tags")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contacts_primary_per_org" ON "contacts" ("organization_id") WHERE "is_primary"`,
    );
    await queryRunner.query(`
            CREATE INDEX "ix_contacts_search_trgm" ON "contacts"
            USING gin (tandem_fold("name" || ' ' || coalesce("title", '') || ' ' || coalesce("email", '')) gin_trgm_ops)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'ix_contacts_search_trgm',
      'uq_contacts_primary_per_org',
      'ix_organizations_tags',
      'ix_organizations_seeks_capability_ids',
      'ix_organizations_capability_ids',
      'ix_organizations_audience_ids',
      'ix_organizations_search_trgm',
      'uq_organizations_name_lower',
      'uq_capabilities_name_lower',
      'uq_audiences_name_lower',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "organization_stage_changes" DROP CONSTRAINT "fk_stage_changes_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "notes" DROP CONSTRAINT "fk_notes_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "contacts" DROP CONSTRAINT "fk_contacts_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "organizations" DROP CONSTRAINT "fk_organizations_owner"
        `);
    await queryRunner.query(`
            DROP TABLE "capabilities"
        `);
    await queryRunner.query(`
            DROP TABLE "audiences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_stage_changes_org_at"
        `);
    await queryRunner.query(`
            DROP TABLE "organization_stage_changes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notes_org_created"
        `);
    await queryRunner.query(`
            DROP TABLE "notes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_contacts_organization_id"
        `);
    await queryRunner.query(`
            DROP TABLE "contacts"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."contact_channel"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organizations_updated_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organizations_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organizations_owner_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organizations_stage"
        `);
    await queryRunner.query(`
            DROP TABLE "organizations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."organization_stage"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_entity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_actor"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_occurred_at"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    await queryRunner.query(`DROP FUNCTION tandem_fold(text)`);
    // The unaccent and pg_trgm extensions stay: other database objects may use them.
  }
}
