import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The weekly health digest for managers, computed once per week (`weekOf`, the Monday in the library's time zone) and
 * kept: every manager's email (a delivery of kind `digest`) is rendered from this one content,
 * so a retried job or a second worker sends the same digest, once. The content names
 * organizations, audiences and drivers — no person.
 */
@Entity('health_digests')
@Index('uq_health_digests_week_of', ['weekOf'], { unique: true })
export class HealthDigest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date' })
  weekOf: string;

  @Column({ type: 'jsonb' })
  content: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
