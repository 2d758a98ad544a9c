import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organization/organization.entity';

/**
 * An organization's health as of its last refresh (see HealthScoreStore): what the dashboard
 * pages, filters and counts in SQL. Written only by the store.
 */
@Entity('health_scores')
@Check('ck_health_scores_score', 'score BETWEEN 0 AND 100')
// The dashboard's page walks the scores in this order (worst first) instead of sorting them all.
@Index('ix_health_scores_score', ['score', 'organizationId'])
export class HealthScoreRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_health_scores' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_health_scores_organization' })
  organization?: Relation<Organization>;

  /** Null while unscored. */
  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'varchar', length: 16 })
  band: string;

  @Column({ type: 'jsonb' })
  drivers: string[];

  /** From health_refresh_seq, taken before the facts were read: a refresh never overwrites a later one. */
  @Column({ type: 'bigint' })
  refreshSeq: string;

  /** The clock's `now` the row was computed for. */
  @Column({ type: 'timestamptz' })
  computedAt: Date;

  /** When time alone next changes the row (a session starts, a task falls due, a day passes); null: never. */
  @Index('ix_health_scores_valid_until')
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;
}

/**
 * An organization whose health facts changed: appended by the triggers of migration
 * HealthScores1796650100000 on every table the score reads, removed by the refresh that took it
 * into account.
 */
@Entity('health_changes')
export class HealthChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_health_changes' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
