import {
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
import { Program } from '../program/program.entity';
import { User } from '../user/user.entity';
import { Visit } from '../visit/visit.entity';

export enum TaskStatus {
  Open = 'open',
  Done = 'done',
}

/** A follow-up ("send the shelter the spring schedule") with an assignee and a due time. */
@Entity('tasks')
@Index('ix_tasks_assignee_status_due', ['assigneeId', 'status', 'dueAt'])
@Index('ix_tasks_status_due', ['status', 'dueAt'])
@Index('ix_tasks_organization_id', ['organizationId'])
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @VersionColumn({ default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'uuid' })
  assigneeId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_tasks_assignee' })
  assignee?: Relation<User>;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_tasks_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => Program, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_tasks_program' })
  program?: Relation<Program>;

  @Column({ type: 'uuid', nullable: true })
  visitId: string | null;

  @ManyToOne(() => Visit, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_tasks_visit' })
  visit?: Relation<Visit>;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.Open })
  status: TaskStatus;

  /** When it was marked done (null while open). */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
