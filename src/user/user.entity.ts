import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  VirtualColumn,
} from 'typeorm';
import { Role } from '../auth/role.enum';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** argon2id PHC string; null while an invitation is pending. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  /**
   * Whether two-factor sign-in is on: read from `user_mfa` (sign-in/mfa owns it, secrets and all)
   * whenever a user is loaded; undefined on a user just created (it is off then).
   */
  @VirtualColumn({
    type: 'boolean',
    query: (alias) =>
      `SELECT EXISTS (SELECT 1 FROM user_mfa m WHERE m.user_id = ${alias}.id AND m.enabled_at IS NOT NULL)`,
  })
  mfaEnabled?: boolean;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
