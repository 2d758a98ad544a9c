import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work-plan goals (goal/goal.entity.ts): a measure of the outreach report, a target and a period
 * of library-calendar dates (`starts_on`, `ends_on`, both included), scoped to at most one
 * audience, program or partner (none: the whole library). A goal goes with its program or its
 * partner; an audience a goal counts cannot be deleted (the app answers 409 first, the key
 * restricts as a backstop). Progress is computed on read, never stored.
 */
export class Goals1796650500000 implements MigrationInterface {
  name = 'Goals1796650500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."goal_metric" AS ENUM(
                'attendance',
                'people-reached',
                'invitations',
                'sessions-held',
                'active-partners',
                'feedback-count'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "goals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL DEFAULT '1',
                "title" character varying(200) NOT NULL,
                "metric" "public"."goal_metric" NOT NULL,
                "target" integer NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "audience_id" uuid,
                "program_id" uuid,
                "organization_id" uuid,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_goals_period" CHECK (ends_on >= starts_on),
                CONSTRAINT "ck_goals_target" CHECK (target BETWEEN 1 AND 1000000),
                CONSTRAINT "ck_goals_one_scope" CHECK (num_nonnulls(audience_id, program_id, organization_id) <= 1),
                CONSTRAINT "pk_goals" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_goals_ends_on" ON "goals" ("ends_on")`);
    await queryRunner.query(`CREATE INDEX "ix_goals_organization_id" ON "goals" ("organization_id")`);
    await queryRunner.query(`CREATE INDEX "ix_goals_program_id" ON "goals" ("program_id")`);
    await queryRunner.query(`CREATE INDEX "ix_goals_audience_id" ON "goals" ("audience_id")`);
    await queryRunner.query(`
            ALTER TABLE "goals"
            ADD CONSTRAINT "fk_goals_audience" FOREIGN KEY ("audience_id") REFERENCES "audiences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "goals"
            ADD CONSTRAINT "fk_goals_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "goals"
            ADD CONSTRAINT "fk_goals_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "goals"`);
    await queryRunner.query(`DROP TYPE "public"."goal_metric"`);
  }
}
