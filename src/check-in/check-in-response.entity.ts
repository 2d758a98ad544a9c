import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Contact } from '../contact/contact.entity';
import { User } from '../user/user.entity';
import { CheckIn } from './check-in.entity';

export enum CheckInRespondent {
  /** The library's owner of the partnership (the organization's owner). */
  Owner = 'owner',
  /** The partner's primary contact. */
  Partner = 'partner',
}

/**
 * One respondent's place in a check-in, made when the check-in opens and answered through the
 * emailed link (no account). The link's token is derived from this row's id (see
 * checkInToken), never stored. `answers` maps statement ids to 1–5; statements left out were
 * skipped. The person is kept by id only: erasing a contact or deleting a user keeps the answers.
 */
@Entity('check_in_responses')
@Index('uq_check_in_responses_check_in_respondent', ['checkInId', 'respondent'], { unique: true })
@Index('ix_check_in_responses_user_id', ['userId'])
@Index('ix_check_in_responses_contact_id', ['contactId'])
export class CheckInResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  checkInId: string;

  @ManyToOne(() => CheckIn, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'check_in_id', foreignKeyConstraintName: 'fk_check_in_responses_check_in' })
  checkIn?: Relation<CheckIn>;

  @Column({ type: 'enum', enum: CheckInRespondent, enumName: 'check_in_respondent' })
  respondent: CheckInRespondent;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_check_in_responses_user' })
  user?: Relation<User>;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_check_in_responses_contact' })
  contact?: Relation<Contact>;

  @Column({ type: 'jsonb', nullable: true })
  answers: Record<string, number> | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
