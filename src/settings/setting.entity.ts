import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../user/user.entity';

/**
 * An application setting an admin changes at run time, one row per key (`health`: the weights
 * and band thresholds of the partnership health score; `check-ins`; `security`). No row means
 * the code's defaults, read as version 1; the first change stores the whole value at version 2.
 * Owned by this module; each key's owner reads and changes it through a VersionedSettingStore.
 */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_settings' })
  key: string;

  /** The whole value (not a diff), as the code that owns the key reads it. */
  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ type: 'int' })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Who made the latest change (null once that user is gone). */
  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_settings_updated_by' })
  updatedBy?: Relation<User>;
}
