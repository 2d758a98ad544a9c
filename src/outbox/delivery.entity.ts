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
} from 'typeorm';
import { DeliveryKind, DeliveryStatus, SkipReason } from './delivery-state';

/**
 * One email to one recipient, of one registered kind (see email-kind.ts): a reminder occurrence,
 * an invitation, a check-in survey link or the weekly digest. PostgreSQL is the source of truth;
 * BullMQ jobs only wake a worker when rows fall due. The unique keys (reminder, occurrence,
 * recipient; one per invitation, check-in response, digest and recipient) mean enqueueing the
 * same email twice — from two processes, after a Redis flush, on a rule saved twice — still yields
 * one row, and the claim on that row means one send. No email address is stored here: the kind
 * reads it from the user or contact at send time.
 *
 * The foreign keys name their targets by entity name, not by class: the outbox imports no
 * domain's code, while the database keeps every cascade (deleting a rule, an invitation, a
 * check-in response or a digest deletes its emails; erasing a contact or a user leaves the row
 * with a null recipient).
 */
@Entity('deliveries')
@Index('uq_deliveries_reminder_occurrence_recipient', ['reminderId', 'occurrenceKey', 'recipientKey'], { unique: true })
@Index('uq_deliveries_invitation_id', ['invitationId'], { unique: true })
@Index('uq_deliveries_check_in_response_id', ['checkInResponseId'], { unique: true })
@Index('uq_deliveries_digest_recipient', ['digestId', 'recipientKey'], { unique: true })
@Index('ix_deliveries_status_next_attempt', ['status', 'nextAttemptAt'])
@Index('ix_deliveries_reminder_due', ['reminderId', 'dueAt'])
@Index('ix_deliveries_session_id', ['sessionId'])
@Index('ix_deliveries_recipient_contact_id', ['recipientContactId'])
@Index('ix_deliveries_recipient_user_id', ['recipientUserId'])
@Check(
  'ck_deliveries_kind',
  `(kind = 'reminder' AND reminder_id IS NOT NULL AND invitation_id IS NULL AND check_in_response_id IS NULL AND digest_id IS NULL)
   OR (kind = 'invitation' AND reminder_id IS NULL AND check_in_response_id IS NULL AND digest_id IS NULL)
   OR (kind = 'check-in' AND reminder_id IS NULL AND invitation_id IS NULL AND digest_id IS NULL)
   OR (kind = 'digest' AND reminder_id IS NULL AND invitation_id IS NULL AND check_in_response_id IS NULL)`,
)
@Check('ck_deliveries_attempts', 'attempts >= 0')
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: DeliveryKind, enumName: 'delivery_kind', default: DeliveryKind.Reminder })
  kind: DeliveryKind;

  @Column({ type: 'uuid', nullable: true })
  reminderId: string | null;

  @ManyToOne('Reminder', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reminder_id', foreignKeyConstraintName: 'fk_deliveries_reminder' })
  reminder?: unknown;

  /** The invitation this email carries (kind invitation); deleted with it. */
  @Column({ type: 'uuid', nullable: true })
  invitationId: string | null;

  @ManyToOne('Invitation', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id', foreignKeyConstraintName: 'fk_deliveries_invitation' })
  invitation?: unknown;

  /** The check-in response this survey link is for (kind check-in); deleted with it. */
  @Column({ type: 'uuid', nullable: true })
  checkInResponseId: string | null;

  @ManyToOne('CheckInResponse', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'check_in_response_id', foreignKeyConstraintName: 'fk_deliveries_check_in_response' })
  checkInResponse?: unknown;

  /** The weekly digest this email carries (kind digest); deleted with it. */
  @Column({ type: 'uuid', nullable: true })
  digestId: string | null;

  @ManyToOne('HealthDigest', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'digest_id', foreignKeyConstraintName: 'fk_deliveries_digest' })
  digest?: unknown;

  /** Which occurrence: `session:<id>`, `task:<due ISO>`, `once:<at ISO>`, `invitation`, `check-in`, `digest:<week>`. */
  @Column({ type: 'varchar', length: 80 })
  occurrenceKey: string;

  /** The occurrence's own time: the session start, the task due time, the fixed time. */
  @Column({ type: 'timestamptz' })
  occurrenceAt: Date;

  /** When the email is due to go out. */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** When a worker should next try (dueAt, then later after a transient failure). */
  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne('ProgramSession', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_deliveries_session' })
  session?: unknown;

  /** `user:<id>` or `contact:<id>`: stays when an erased contact's id is set null. */
  @Column({ type: 'varchar', length: 60 })
  recipientKey: string;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_deliveries_recipient_user' })
  recipientUser?: unknown;

  @Column({ type: 'uuid', nullable: true })
  recipientContactId: string | null;

  @ManyToOne('Contact', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_contact_id', foreignKeyConstraintName: 'fk_deliveries_recipient_contact' })
  recipientContact?: unknown;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'delivery_status', default: DeliveryStatus.Scheduled })
  status: DeliveryStatus;

  @Column({ type: 'enum', enum: SkipReason, enumName: 'delivery_skip_reason', nullable: true })
  skipReason: SkipReason | null;

  /** SMTP attempts made (claims). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Sent more than the grace period after dueAt (Redis or the worker was down). */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  /** The claim: set with status `sending`; only its holder may mark the row sent. */
  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** The last SMTP error, with any email address removed. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
