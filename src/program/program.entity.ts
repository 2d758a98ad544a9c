import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { ProgramPartner } from './program-partner.entity';

export enum ProgramStatus {
  Planned = 'planned',
  Running = 'running',
  Paused = 'paused',
  Completed = 'completed',
}

/**
 * A recurring program run with partners. The schedule is an RFC 5545 RRULE expanded in an
 * IANA zone at a local start time, so a 15:30 drop-in stays at 15:30 local across DST.
 * Audiences are a uuid array like the organizations' (the vocabulary service checks use).
 */
@Entity('programs')
@Index('ix_programs_audience_ids', { synchronize: false })
@Check('ck_programs_duration', 'duration_minutes BETWEEN 1 AND 1440')
@Check('ck_programs_dates', 'end_date IS NULL OR end_date >= start_date')
@Check('ck_programs_language', `language ~ '^[a-z]{2,3}$'`)
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The language its public side speaks (feedback form, poster): a BCP 47 primary tag the library offers. */
  @Column({ type: 'text' })
  language: string;

  @Index('ix_programs_status')
  @Column({ type: 'enum', enum: ProgramStatus, enumName: 'program_status', default: ProgramStatus.Planned })
  status: ProgramStatus;

  @OneToMany(() => ProgramPartner, (partner) => partner.program, { cascade: true })
  partners?: Relation<ProgramPartner[]>;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  audienceIds: string[];

  /** What the library wants from it (the mission overlap made concrete). */
  @Column({ type: 'text', nullable: true })
  libraryGoal: string | null;

  /** What the partner wants from it. */
  @Column({ type: 'text', nullable: true })
  partnerGoal: string | null;

  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=WE`. */
  @Column({ type: 'varchar', length: 500 })
  rrule: string;

  /** IANA zone the schedule is expanded in. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** Local start time, `HH:MM`. */
  @Column({ type: 'varchar', length: 5 })
  startTime: string;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location: string | null;

  /** First day of the schedule (local date in `timezone`). */
  @Column({ type: 'date' })
  startDate: string;

  /** Last day of the schedule, inclusive; null runs on (sessions kept a rolling window ahead). */
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  /** Sessions exist for every occurrence up to this instant; the materializer moves it on. */
  @Column({ type: 'timestamptz', nullable: true })
  materializedUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
