import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A target group from the library's community analysis (e.g. "Youth experiencing homelessness"). */
@Entity('audiences')
@Index('uq_audiences_name_lower', { synchronize: false })
@Check('ck_audiences_priority', 'priority BETWEEN 1 AND 3')
export class Audience {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique case-insensitively (index on lower(name), created by the migration). */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** 1 high – 3 low. */
  @Column({ type: 'smallint' })
  priority: number;

  @Column({ type: 'integer', nullable: true })
  estimatedPopulation: number | null;

  /** Where the population figure comes from (e.g. "2025 community analysis, census tract data"). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  source: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
