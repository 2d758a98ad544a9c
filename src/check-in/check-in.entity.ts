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
import { User } from '../user/user.entity';

export enum CheckInStatus {
  Open = 'open',
  Closed = 'closed',
}

/**
 * One partnership check-in of one organization: a short survey sent to the library owner and the
 * partner's primary contact (see CheckInResponse), open until `closesAt` or until everyone has
 * answered. `areaScores` is kept up to date as answers arrive (per-area averages over every
 * answer so far), so the health score reads the latest answered check-in with one lookup.
 * At most one open check-in per organization.
 */
@Entity('check_ins')
@Index('uq_check_ins_open_per_organization', ['organizationId'], { unique: true, where: `status = 'open'` })
@Index('ix_check_ins_organization_opened', ['organizationId', 'openedAt'])
@Index('ix_check_ins_status_closes_at', ['status', 'closesAt'])
@Check('ck_check_ins_window', 'closes_at > opened_at')
export class CheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_check_ins_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'enum', enum: CheckInStatus, enumName: 'check_in_status', default: CheckInStatus.Open })
  status: CheckInStatus;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  /** Answers are taken until then; the check-in closes with whatever has arrived. */
  @Column({ type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Who started it; null for one the schedule opened (or once that user is gone). */
  @Column({ type: 'uuid', nullable: true })
  openedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opened_by_id', foreignKeyConstraintName: 'fk_check_ins_opened_by' })
  openedBy?: Relation<User>;

  /** Per-area averages (1–5, one decimal) over the answers so far; null before the first answer. */
  @Column({ type: 'jsonb', nullable: true })
  areaScores: Record<string, number | null> | null;

  @Column({ type: 'smallint', default: 0 })
  responseCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastResponseAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
