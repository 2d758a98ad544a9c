import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Contact } from '../contact/contact.entity';
import { Organization } from '../organization/organization.entity';
import { Program } from '../program/program.entity';
import { User } from '../user/user.entity';

export enum VisitPurpose {
  Relationship = 'relationship',
  Invitations = 'invitations',
  ProgramDelivery = 'program-delivery',
  Planning = 'planning',
  Other = 'other',
}

/**
 * An outreach visit to a partner ("we visit the shelter the morning of the drop-in to hand out
 * invitations"). Staff and contacts met are join tables with cascading foreign keys, so erasing
 * a contact also removes it from every visit, leaving nothing of the person behind.
 */
@Entity('visits')
@Index('ix_visits_org_visited_at', ['organizationId', 'visitedAt'])
@Check('ck_visits_counts', 'invitations_handed_out >= 0 AND people_reached >= 0')
export class Visit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_visits_organization' })
  organization?: Relation<Organization>;

  @Index('ix_visits_program_id')
  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => Program, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_visits_program' })
  program?: Relation<Program>;

  @Index('ix_visits_visited_at')
  @Column({ type: 'timestamptz' })
  visitedAt: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location: string | null;

  @Column({ type: 'enum', enum: VisitPurpose, enumName: 'visit_purpose' })
  purpose: VisitPurpose;

  @ManyToMany(() => User)
  @JoinTable({
    name: 'visit_staff',
    joinColumn: { name: 'visit_id', foreignKeyConstraintName: 'fk_visit_staff_visit' },
    inverseJoinColumn: { name: 'user_id', foreignKeyConstraintName: 'fk_visit_staff_user' },
  })
  staff?: Relation<User[]>;

  @ManyToMany(() => Contact)
  @JoinTable({
    name: 'visit_contacts',
    joinColumn: { name: 'visit_id', foreignKeyConstraintName: 'fk_visit_contacts_visit' },
    inverseJoinColumn: { name: 'contact_id', foreignKeyConstraintName: 'fk_visit_contacts_contact' },
  })
  contacts?: Relation<Contact[]>;

  @Column({ type: 'integer', default: 0 })
  invitationsHandedOut: number;

  @Column({ type: 'integer', default: 0 })
  peopleReached: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
