import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A day the library is closed ("Thanksgiving"); sessions on it are cancelled with its name. */
@Entity('closures')
export class Closure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_closures_date', { unique: true })
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
