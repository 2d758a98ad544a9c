import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organization/organization.entity';
import { Task } from '../task/task.entity';
import { User } from '../user/user.entity';

export type MatchDecisionStatus = 'dismissed' | 'introduced';
export const MATCH_DECISION_STATUSES: readonly MatchDecisionStatus[] = ['dismissed', 'introduced'];

/**
 * What someone decided about a suggested introduction: dismissed (hidden from then on) or
 * introduced (a follow-up task made for the one who did it). Keyed by the suggestion's id (a
 * name-based uuid of the directed pair, see matchId), with the pair kept too, so the open list
 * can leave it out with an index lookup and the row goes with either organization. The
 * suggestion as it was when decided is kept (capability, audiences, kind, strength,
 * explanation) so the introduced and dismissed lists still show it once its reasons changed;
 * the snapshot is null for dismissals made before it was kept (the list then shows the
 * current reasons, see MatchingService).
 */
@Entity('match_decisions')
@Index('uq_match_decisions_provider_seeker', ['providerId', 'seekerId'], { unique: true })
@Index('ix_match_decisions_seeker_id', ['seekerId'])
@Index('ix_match_decisions_status_decided_at', ['status', 'decidedAt'])
@Check('ck_match_decisions_pair', 'provider_id <> seeker_id')
@Check('ck_match_decisions_status', `status IN ('dismissed', 'introduced')`)
export class MatchDecision {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_match_decisions' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_match_decisions_provider' })
  provider?: Relation<Organization>;

  @Column({ type: 'uuid' })
  seekerId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seeker_id', foreignKeyConstraintName: 'fk_match_decisions_seeker' })
  seeker?: Relation<Organization>;

  @Column({ type: 'varchar', length: 20 })
  status: MatchDecisionStatus;

  /** Who decided (null once that user is gone). */
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_match_decisions_decided_by' })
  decidedBy?: Relation<User>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;

  /** The follow-up task an introduction made (null for a dismissal, or once the task was deleted). */
  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @ManyToOne(() => Task, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_match_decisions_task' })
  task?: Relation<Task>;

  /** What the person who introduced them wrote (trimmed, at most 2000 characters). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The suggestion when decided (null for dismissals older than the snapshot). */
  @Column({ type: 'uuid', nullable: true })
  capabilityId: string | null;

  @Column({ type: 'uuid', array: true, nullable: true })
  audienceIds: string[] | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  kind: string | null;

  @Column({ type: 'smallint', nullable: true })
  strength: number | null;

  @Column({ type: 'text', nullable: true })
  explanation: string | null;
}
