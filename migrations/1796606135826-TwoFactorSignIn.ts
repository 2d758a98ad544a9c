import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in (TOTP): `user_mfa` holds each user's secret, encrypted with a key derived
 * from AUTH_SECRET (src/auth/mfa/totp-secret-cipher.ts), the unconfirmed one from setup and the
 * last time step accepted (replay protection); `mfa_recovery_codes` the argon2id hashes of the
 * one-time recovery codes. Both go with their user.
 */

export class TwoFactorSignIn1796606135826 implements MigrationInterface {
  name = 'TwoFactorSignIn1796606135826';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "user_mfa" (
                "user_id" uuid NOT NULL,
                "secret" character varying(255),
                "pending_secret" character varying(255),
                "enabled_at" TIMESTAMP WITH TIME ZONE,
                "last_used_step" bigint,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_user_mfa" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "mfa_recovery_codes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "code_hash" character varying(255) NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_mfa_recovery_codes" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mfa_recovery_codes_user_id" ON "mfa_recovery_codes" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "user_mfa"
            ADD CONSTRAINT "fk_user_mfa_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mfa_recovery_codes"
            ADD CONSTRAINT "fk_mfa_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "mfa_recovery_codes" DROP CONSTRAINT "fk_mfa_recovery_codes_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_mfa" DROP CONSTRAINT "fk_user_mfa_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mfa_recovery_codes_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "mfa_recovery_codes"
        `);
    await queryRunner.query(`
            DROP TABLE "user_mfa"
        `);
  }
}
