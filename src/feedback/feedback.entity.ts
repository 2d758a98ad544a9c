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
import { ProgramSession } from '../program/program-session.entity';
import { Program } from '../program/program.entity';
import { FeedbackLink } from './feedback-link.entity';

export enum FeedbackSource {
  Partner = 'partner',
  Youth = 'youth',
  Staff = 'staff',
}

/**
 * What a partner, a young person or staff said about a program or partnership, with the four
 * outcome questions (1–5 each) and the action the team took in response. Anonymous: no
 * person is recorded, only the kind of source it was (and the staff member who entered it).
 */
@Entity('feedback')
@Index('ix_feedback_org_created', ['organizationId', 'createdAt'])
@Index('ix_feedback_program_id', ['programId'])
@Check('ck_feedback_rating', 'rating BETWEEN 1 AND 5')
@Check('ck_feedback_language', `language ~ '^[a-z]{2,3}$'`)
@Check(
  'ck_feedback_outcomes',
  `(outcome_knowledge IS NULL OR outcome_knowledge BETWEEN 1 AND 5) AND (outcome_confidence IS NULL OR outcome_confidence BETWEEN 1 AND 5)
   AND (outcome_application IS NULL OR outcome_application BETWEEN 1 AND 5) AND (outcome_awareness IS NULL OR outcome_awareness BETWEEN 1 AND 5)`,
)
export class Feedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'enum', enum: FeedbackSource, enumName: 'feedback_source' })
  source: FeedbackSource;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_feedback_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => Program, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_feedback_program' })
  program?: Relation<Program>;

  @Index('ix_feedback_session_id')
  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => ProgramSession, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_feedback_session' })
  session?: Relation<ProgramSession>;

  @Column({ type: 'smallint' })
  rating: number;

  /** "I learned something new" */
  @Column({ type: 'smallint', nullable: true })
  outcomeKnowledge: number | null;

  /** "I feel more confident" */
  @Column({ type: 'smallint', nullable: true })
  outcomeConfidence: number | null;

  /** "I will use what I learned" */
  @Column({ type: 'smallint', nullable: true })
  outcomeApplication: number | null;

  /** "I know more about what the library offers" */
  @Column({ type: 'smallint', nullable: true })
  outcomeAwareness: number | null;

  @Column({ type: 'text', nullable: true })
  worked: string | null;

  @Column({ type: 'text', nullable: true })
  didntWork: string | null;

  @Column({ type: 'text', nullable: true })
  suggestions: string | null;

  /** The language it was given in (the public page's); null when not known (entered by staff, or older). */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  /** What the team did about it: closing the loop. */
  @Column({ type: 'text', nullable: true })
  actionTaken: string | null;

  /** The public link it came through (youth and partner staff without an account). */
  @Column({ type: 'uuid', nullable: true })
  feedbackLinkId: string | null;

  @ManyToOne(() => FeedbackLink, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'feedback_link_id', foreignKeyConstraintName: 'fk_feedback_link' })
  feedbackLink?: Relation<FeedbackLink>;

  /** The staff member who entered it; null when it came through a public link. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Index('ix_feedback_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
