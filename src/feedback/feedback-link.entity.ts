import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Program } from '../program/program.entity';

/**
 * A public, anonymous feedback form for one program (printed as a QR code at the drop-in).
 * Only the SHA-256 of the token is stored: the token itself is shown once, when made.
 */
@Entity('feedback_links')
export class FeedbackLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_feedback_links_program_id')
  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_feedback_links_program' })
  program?: Relation<Program>;

  @Index('uq_feedback_links_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
