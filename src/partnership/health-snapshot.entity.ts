import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organization/organization.entity';

/**
 * An organization's health score as the weekly snapshot job found it. One per organization
 * and day at most (the primary key): a retried or repeated run the same day changes nothing.
 * Read by /organizations/:id/health (history) and the dashboard (trend).
 */
@Entity('health_snapshots')
@Check('ck_health_snapshots_score', 'score BETWEEN 0 AND 100')
export class HealthSnapshotRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_health_snapshots' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_health_snapshots_organization' })
  organization?: Relation<Organization>;

  /** The start (00:00 UTC) of the day the snapshot was taken. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_health_snapshots' })
  takenAt: Date;

  @Column({ type: 'smallint' })
  score: number;

  @Column({ type: 'varchar', length: 16 })
  band: string;
}
