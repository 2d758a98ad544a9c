import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organization/organization.entity';
import { User } from '../user/user.entity';

/**
 * A suggested introduction someone dismissed: it stays hidden from then on. Keyed by the
 * suggestion's id (a name-based uuid of the directed pair, see matchId), with the pair kept too,
 * so the list can leave it out with an index lookup and the row goes with either organization.
 */
@Entity('match_dismissals')
@Index('uq_match_dismissals_provider_seeker', ['providerId', 'seekerId'], { unique: true })
@Index('ix_match_dismissals_seeker_id', ['seekerId'])
@Check('ck_match_dismissals_pair', 'provider_id <> seeker_id')
export class MatchDismissal {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_match_dismissals' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_match_dismissals_provider' })
  provider?: Relation<Organization>;

  @Column({ type: 'uuid' })
  seekerId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seeker_id', foreignKeyConstraintName: 'fk_match_dismissals_seeker' })
  seeker?: Relation<Organization>;

  /** Who dismissed it (null once that user is gone). */
  @Column({ type: 'uuid', nullable: true })
  dismissedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'dismissed_by_id', foreignKeyConstraintName: 'fk_match_dismissals_dismissed_by' })
  dismissedBy?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  dismissedAt: Date;
}
