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
import { User } from '../user/user.entity';
import { OrganizationStage } from './organization-stage';

/**
 * A (potential) partner. Audiences and capabilities are uuid arrays (GIN-indexed for the
 * filters); the vocabulary services keep them consistent, as a foreign key cannot reach into
 * an array. Text search uses a trigram index over tandem_search_text(name, mission, notes).
 */
@Entity('organizations')
@Index('uq_organizations_name_lower', { synchronize: false })
@Index('ix_organizations_search_trgm', { synchronize: false })
@Index('ix_organizations_audience_ids', { synchronize: false })
@Index('ix_organizations_capability_ids', { synchronize: false })
@Index('ix_organizations_seeks_capability_ids', { synchronize: false })
@Index('ix_organizations_tags', { synchronize: false })
@Check(
  'ck_organizations_fit',
  `fit_audience_reach BETWEEN 0 AND 5 AND fit_mission_overlap BETWEEN 0 AND 5 AND fit_complementary_resources BETWEEN 0 AND 5`,
)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Free text kind of organization: "Youth shelter", "Government agency", "Nonprofit"… */
  @Column({ type: 'varchar', length: 80, nullable: true })
  type: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  website: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  mission: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Index('ix_organizations_stage')
  @Column({
    type: 'enum',
    enum: OrganizationStage,
    enumName: 'organization_stage',
    default: OrganizationStage.Prospect,
  })
  stage: OrganizationStage;

  @Index('ix_organizations_owner_id')
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_organizations_owner' })
  owner?: Relation<User>;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  audienceIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  capabilityIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  seeksCapabilityIds: string[];

  @Column({ type: 'varchar', length: 50, array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'smallint', default: 0 })
  fitAudienceReach: number;

  @Column({ type: 'smallint', default: 0 })
  fitMissionOverlap: number;

  @Column({ type: 'smallint', default: 0 })
  fitComplementaryResources: number;

  @Column({ type: 'text', nullable: true })
  fitNotes: string | null;

  @Index('ix_organizations_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index('ix_organizations_updated_at')
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
