import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { OrganizationStage } from './organization-stage';
import { Organization } from './organization.entity';

/** One change of an organization's stage: who, when, from, to, why. Never edited. */
@Entity('organization_stage_changes')
@Index('ix_stage_changes_org_at', ['organizationId', 'changedAt'])
export class StageChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_stage_changes_organization' })
  organization?: Relation<Organization>;

  /** null for the stage an organization was created in. */
  @Column({ type: 'enum', enum: OrganizationStage, enumName: 'organization_stage', nullable: true })
  fromStage: OrganizationStage | null;

  @Column({ type: 'enum', enum: OrganizationStage, enumName: 'organization_stage' })
  toStage: OrganizationStage;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
