import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Organization } from '../organization/organization.entity';
import { Program } from './program.entity';

export enum PartnerRole {
  Host = 'host',
  CoFacilitator = 'co-facilitator',
  Referral = 'referral',
}

/** An organization taking part in a program, and how. */
@Entity('program_partners')
@Index('ix_program_partners_organization_id', ['organizationId'])
export class ProgramPartner {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_partners' })
  programId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_program_partners' })
  organizationId: string;

  @ManyToOne(() => Program, (program) => program.partners, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_program_partners_program' })
  program?: Relation<Program>;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_program_partners_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'enum', enum: PartnerRole, enumName: 'program_partner_role' })
  role: PartnerRole;
}
