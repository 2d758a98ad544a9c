import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityTarget, FindOperator, FindOptionsSelect, FindOptionsWhere, In } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../common/database-errors';
import { DomainEvents } from '../common/events/domain-events';
import { ConflictError, NotFoundError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { Audience } from './audience.entity';
import { Capability } from './capability.entity';
import { VocabularyTermRemoved } from './vocabulary.events';

interface VocabularyTerm {
  id: string;
  name: string;
  version: number;
}

interface VocabularyKind<T extends VocabularyTerm> {
  entity: EntityTarget<T>;
  /** Audit entity type and wording: "audience", "capability". */
  type: 'audience' | 'capability';
  table: string;
  fields: readonly (keyof T & string)[];
}

const AUDIENCES: VocabularyKind<Audience> = {
  entity: Audience,
  type: 'audience',
  table: 'audiences',
  fields: ['name', 'description', 'priority', 'estimatedPopulation', 'source'],
};

const CAPABILITIES: VocabularyKind<Capability> = {
  entity: Capability,
  type: 'capability',
  table: 'capabilities',
  fields: ['name', 'description'],
};

/**
 * The two vocabularies managers keep — audiences and capabilities (skills & resources). Names
 * are unique case-insensitively. A term still used cannot be deleted: the domains that keep term
 * ids (organizations, programs) refuse the VocabularyTermRemoved event while they use it.
 */
class VocabularyService<T extends VocabularyTerm> {
  constructor(
    private readonly kind: VocabularyKind<T>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** `{ id }` for the generic term type (TypeORM's where type cannot be resolved on a type parameter). */
  private byId(id: string | FindOperator<string>): FindOptionsWhere<T> {
    return { id } as FindOptionsWhere<T>;
  }

  list(): Promise<T[]> {
    return this.dataSource
      .getRepository(this.kind.entity)
      .createQueryBuilder('t')
      .orderBy('lower(t.name)', 'ASC')
      .getMany();
  }

  async get(id: string): Promise<T> {
    const term = await this.dataSource.getRepository(this.kind.entity).findOneBy(this.byId(id));
    if (!term) throw this.notFound();
    return term;
  }

  async create(input: Partial<T>, actor: AuthUser): Promise<T> {
    return this.guardName(() =>
      this.dataSource.transaction(async (manager) => {
        const term = await manager.save(manager.create(this.kind.entity, input as T));
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: this.kind.type,
          entityId: term.id,
          action: 'create',
          changes: auditChanges(null, term, this.kind.fields),
        });
        return term;
      }),
    );
  }

  async update(id: string, input: Partial<T> & { version: number }, actor: AuthUser): Promise<T> {
    return this.guardName(() =>
      this.dataSource.transaction(async (manager) => {
        const term = await manager.findOne(this.kind.entity, {
          where: this.byId(id),
          lock: { mode: 'pessimistic_write' },
        });
        if (!term) throw this.notFound();
        if (term.version !== input.version) throw new StaleVersionError(this.kind.type, term.version);
        const before = { ...term };
        const { version: _version, ...changes } = input;
        manager.merge(this.kind.entity, term, changes as DeepPartial<T>);
        const diff = auditChanges(before, term, this.kind.fields);
        if (Object.keys(diff).length === 0) return term;
        const saved = await manager.save(term);
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: this.kind.type,
          entityId: id,
          action: 'update',
          changes: diff,
        });
        return saved;
      }),
    );
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: this.kind.entity,
        id,
        entityType: this.kind.type,
        actorId: actor.id,
        notFound: () => this.notFound(),
        // Organizations and programs refuse while they use the term (VocabularyTermInUseError).
        beforeDelete: () => this.events.publish(manager, new VocabularyTermRemoved(this.kind.type, id)),
        changes: (term) => auditChanges(term, null, this.kind.fields),
      }),
    );
  }

  /** Throws a 400 naming `field[i]` for each id that is not a term of this vocabulary. */
  async assertExist(ids: readonly string[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.dataSource
      .getRepository(this.kind.entity)
      .find({ select: { id: true } as FindOptionsSelect<T>, where: this.byId(In([...ids])) });
    const known = new Set(found.map((term) => term.id));
    const errors = ids
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !known.has(id))
      .map(({ index }) => ({ field: `${field}.${index}`, message: `is not a known ${this.kind.type}` }));
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  private notFound(): NotFoundError {
    return new NotFoundError(`${this.kind.type.toUpperCase()}_NOT_FOUND`, `No ${this.kind.type} has this id.`);
  }

  private async guardName<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, `uq_${this.kind.table}_name_lower`)) {
        throw new ConflictError(
          `${this.kind.type.toUpperCase()}_NAME_TAKEN`,
          `An ${this.kind.type} with this name already exists (names ignore case).`,
        );
      }
      throw error;
    }
  }
}

@Injectable()
export class AudienceService extends VocabularyService<Audience> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, events: DomainEvents) {
    super(AUDIENCES, dataSource, audit, events);
  }
}

@Injectable()
export class CapabilityService extends VocabularyService<Capability> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService, events: DomainEvents) {
    super(CAPABILITIES, dataSource, audit, events);
  }
}
