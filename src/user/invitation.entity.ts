import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from './user.entity';

/**
 * A one-time link that lets an invited user set a password. Only the token's hash is kept. The
 * token UserService issues is `resourceKey(AUTH_SECRET, 'invitation:v1', id)`, so the worker that
 * sends the email (a `deliveries` row of kind `invitation`) can derive it again without it ever
 * being stored; the demo seed's printed token is random. Accepting looks the hash up either way.
 */
@Entity('invitations')
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_invitations_user_id')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_invitations_user' })
  user?: Relation<User>;

  /** SHA-256 (hex) of the token in the link. */
  @Index('uq_invitations_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
