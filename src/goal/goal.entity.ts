import { GOAL_METRICS, GoalMetric, MAX_GOAL_TARGET } from '@tandem/shared';
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
import { Organization } from '../organization/organization.entity';
import { Program } from '../program/program.entity';
import { Audience } from '../vocabulary/audience.entity';

/**
 * A work-plan goal ("600 attendees at teen sessions this fiscal year"): a measure of the outreach
 * report, a target, a period of library-calendar dates (both included) and at most one scope — an
 * audience, a program or a partner; none means the whole library. Its progress is never stored:
 * it is measured from the facts whenever the goal is read (GoalService).
 */
@Entity('goals')
@Index('ix_goals_ends_on', ['to'])
@Index('ix_goals_organization_id', ['organizationId'])
@Index('ix_goals_program_id', ['programId'])
@Index('ix_goals_audience_id', ['audienceId'])
@Check('ck_goals_period', 'ends_on >= starts_on')
@Check('ck_goals_target', `target BETWEEN 1 AND ${MAX_GOAL_TARGET}`)
@Check('ck_goals_one_scope', 'num_nonnulls(audience_id, program_id, organization_id) <= 1')
export class Goal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_goals' })
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'enum', enum: [...GOAL_METRICS], enumName: 'goal_metric' })
  metric: GoalMetric;

  @Column({ type: 'integer' })
  target: number;

  /** First day of the period, YYYY-MM-DD in the library's calendar. */
  @Column({ name: 'starts_on', type: 'date' })
  from: string;

  /** Last day of the period (included). */
  @Column({ name: 'ends_on', type: 'date' })
  to: string;

  @Column({ type: 'uuid', nullable: true })
  audienceId: string | null;

  /**
   * No cascade: deleting an audience a goal counts is refused (409 AUDIENCE_IN_USE, GoalService's
   * VocabularyTermRemoved handler) before this key is ever reached.
   */
  @ManyToOne(() => Audience, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audience_id', foreignKeyConstraintName: 'fk_goals_audience' })
  audience?: Relation<Audience>;

  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_goals_program' })
  program?: Relation<Program>;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_goals_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
