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

export enum PreferredChannel {
  Email = 'email',
  Phone = 'phone',
  Text = 'text',
  InPerson = 'in-person',
}

/**
 * A person at an organization. Personal data: erasable (DELETE removes the row; the audit
 * keeps only ids), redacted for viewers, never logged.
 */
@Entity('contacts')
@Index('uq_contacts_primary_per_org', { synchronize: false })
@Index('ix_contacts_search_trgm', { synchronize: false })
@Index('ix_contacts_details_search_trgm', { synchronize: false })
@Check('ck_contacts_language', `language ~ '^[a-z]{2,3}$'`)
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Index('ix_contacts_organization_id')
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_contacts_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'enum', enum: PreferredChannel, enumName: 'contact_channel', default: PreferredChannel.Email })
  preferredChannel: PreferredChannel;

  /** The language emails to the person are written in: a BCP 47 primary tag the library offers. */
  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** When the contact used the unsubscribe link in a reminder email; nothing more is sent to them. */
  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
