import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction = 'create' | 'update' | 'delete';

/** `{ field: { before, after } }`; personal fields carry `{ redacted: true }` instead of values. */
export type AuditChanges = Record<string, { before?: unknown; after?: unknown; redacted?: true }>;

/** One create, update or delete of partnership data. Append-only. */
@Entity('audit_events')
@Index('ix_audit_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('ix_audit_actor', ['actorId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_audit_occurred_at')
  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 10 })
  action: AuditAction;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: AuditChanges;
}
