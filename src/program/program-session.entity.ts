import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Closure } from '../closure/closure.entity';
import { Program } from './program.entity';

/**
 * One occurrence of a program's schedule, materialized so attendance, notes and cancellation
 * have a row (and a stable id: the calendar UID). A session is cancelled when staff cancel it
 * (`cancelled`) or when its local date is a library closure (`closureId`) and it was not held
 * (no attendance: a session with a head count is never under a closure); removing the closure
 * sets `closureId` to null and the session is back, unless staff cancelled it themselves.
 */
@Entity('program_sessions')
@Index('uq_program_sessions_program_starts_at', ['programId', 'startsAt'], { unique: true })
@Index('ix_program_sessions_starts_at', ['startsAt'])
@Index('ix_program_sessions_local_date', ['localDate'])
@Check('ck_program_sessions_attendance', 'attendance IS NULL OR attendance >= 0')
@Check('ck_program_sessions_times', 'ends_at > starts_at')
export class ProgramSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_program_sessions_program' })
  program?: Relation<Program>;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** The session's date in the program's zone: what a closure day is matched against. */
  @Column({ type: 'date' })
  localDate: string;

  /** Cancelled by staff. */
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  /** Cancelled by this library closure (set null when the closure is removed). */
  @Index('ix_program_sessions_closure_id')
  @Column({ type: 'uuid', nullable: true })
  closureId: string | null;

  @ManyToOne(() => Closure, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closure_id', foreignKeyConstraintName: 'fk_program_sessions_closure' })
  closure?: Relation<Closure>;

  /** How many came (a number, never a list of youth). */
  @Column({ type: 'integer', nullable: true })
  attendance: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
