import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../user/user.entity';
import { Program } from './program.entity';

/**
 * One user's calendar subscription link to one program (at most one each). The link's key is
 * derived from `id` with AUTH_SECRET (`resourceToken(secret, 'calendar-link:v1', id)`), so
 * nothing secret is stored and the program's page can show the link again. Making a new link
 * gives the row a new id, which is what revokes the old one; the row goes with its user's
 * deactivation, its program or its user.
 */
@Entity('calendar_links')
@Index('uq_calendar_links_user_program', ['userId', 'programId'], { unique: true })
export class CalendarLink {
  /** Replaced (gen_random_uuid()) when a new link is made. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_links_user' })
  user?: Relation<User>;

  @Index('ix_calendar_links_program_id')
  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_calendar_links_program' })
  program?: Relation<Program>;

  /** When this link (this id) was made. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
