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
import { Program } from '../program/program.entity';
import { Task } from '../task/task.entity';
import { User } from '../user/user.entity';

export enum ReminderTriggerType {
  /** Relative to each session of a program (offsetMinutes, negative = before the start). */
  Session = 'session',
  /** Once, at a fixed time. */
  Once = 'once',
  /** Relative to a task's due time. */
  TaskDue = 'task-due',
}

/** The furthest a reminder may be from its session or due time: 30 days either way. */
export const MAX_OFFSET_MINUTES = 43_200;

/**
 * A reminder rule: what to tell whom, and when. Its sends are `Delivery` rows, planned from
 * the rule by the reminder planner. Recipients are join tables with cascading keys, so erasing
 * a contact or deleting the rule leaves no recipient row behind.
 */
@Entity('reminders')
@Index('ix_reminders_program_id', ['programId'])
@Index('ix_reminders_task_id', ['taskId'])
@Check(
  'ck_reminders_trigger',
  `(trigger_type = 'session' AND program_id IS NOT NULL AND offset_minutes IS NOT NULL AND task_id IS NULL AND at IS NULL)
   OR (trigger_type = 'once' AND at IS NOT NULL AND program_id IS NULL AND task_id IS NULL AND offset_minutes IS NULL)
   OR (trigger_type = 'task-due' AND task_id IS NOT NULL AND offset_minutes IS NOT NULL AND program_id IS NULL AND at IS NULL)`,
)
@Check(
  'ck_reminders_offset',
  `offset_minutes IS NULL OR offset_minutes BETWEEN -${MAX_OFFSET_MINUTES} AND ${MAX_OFFSET_MINUTES}`,
)
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  message: string;

  @Column({ type: 'enum', enum: ReminderTriggerType, enumName: 'reminder_trigger_type' })
  triggerType: ReminderTriggerType;

  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_reminders_program' })
  program?: Relation<Program>;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_reminders_task' })
  task?: Relation<Task>;

  /** Minutes from the session start or task due time; negative = before. */
  @Column({ type: 'integer', nullable: true })
  offsetMinutes: number | null;

  /** The fixed time of a `once` reminder. */
  @Column({ type: 'timestamptz', nullable: true })
  at: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @ManyToMany(() => User)
  @JoinTable({
    name: 'reminder_users',
    joinColumn: { name: 'reminder_id', foreignKeyConstraintName: 'fk_reminder_users_reminder' },
    inverseJoinColumn: { name: 'user_id', foreignKeyConstraintName: 'fk_reminder_users_user' },
  })
  recipients?: Relation<User[]>;

  @ManyToMany(() => Contact)
  @JoinTable({
    name: 'reminder_contacts',
    joinColumn: { name: 'reminder_id', foreignKeyConstraintName: 'fk_reminder_contacts_reminder' },
    inverseJoinColumn: { name: 'contact_id', foreignKeyConstraintName: 'fk_reminder_contacts_contact' },
  })
  recipientContacts?: Relation<Contact[]>;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
