import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../../user/user.entity';

/**
 * A user's TOTP two-factor state, one row per user who started setting it up. Secrets are
 * stored encrypted (TotpSecretCipher), never in the clear. Kept apart from `users` so that no
 * query of users can carry a secret out.
 */
@Entity('user_mfa')
export class UserMfa {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_user_mfa' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_mfa_user' })
  user?: Relation<User>;

  /** The secret in use, encrypted; null until setup is confirmed with a code. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  secret: string | null;

  /** A secret handed out by setup and not yet confirmed, encrypted. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  pendingSecret: string | null;

  /** When two-factor was turned on; null while it is only being set up. */
  @Column({ type: 'timestamptz', nullable: true })
  enabledAt: Date | null;

  /**
   * The TOTP time step (Unix time / 30 s) of the last code accepted. A code is accepted only for
   * a later step, claimed with a conditional UPDATE, so a code cannot be used twice.
   */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  lastUsedStep: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
