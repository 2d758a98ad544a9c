import { CheckInResponse } from '../check-in/check-in-response.entity';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page } from '../common/dto/pagination.dto';
import { NotFoundError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { Organization } from '../organization/organization.entity';
import { escapeLike, pageWithTotal } from '../common/query';
import { Contact } from './contact.entity';
import { contactSearchCondition } from './contact.mapper';
import { CreateContactDto, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';

const CONTACT_FIELDS = [
  'organizationId',
  'name',
  'title',
  'email',
  'phone',
  'preferredChannel',
  'isPrimary',
  'notes',
] as const;
/** Fields the audit log never holds values of: after erasure nothing of the person remains. */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['name', 'title', 'email', 'phone', 'notes']);

export class ContactNotFoundError extends NotFoundError {
  constructor() {
    super('CONTACT_NOT_FOUND', 'No contact has this id.');
  }
}

@Injectable()
export class ContactService {
  private readonly logger = new Logger(ContactService.name);

  constructor(
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A page of contacts; `q` searches only what `user` may see (contactSearchCondition). */
  async list(query: ListContactsQueryDto, user: Pick<AuthUser, 'role'>): Promise<Page<Contact>> {
    const qb = this.contacts.createQueryBuilder('c');
    if (query.organizationId)
      qb.andWhere('c.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.q) qb.andWhere(contactSearchCondition('c', user, 'q'), { q: escapeLike(query.q) });
    qb.orderBy('c.is_primary', 'DESC').addOrderBy('lower(c.name)', 'ASC').addOrderBy('c.id', 'ASC');
    return pageWithTotal(qb, query);
  }

  async get(id: string): Promise<Contact> {
    const contact = await this.contacts.findOneBy({ id });
    if (!contact) throw new ContactNotFoundError();
    return contact;
  }

  async create(dto: CreateContactDto, actor: AuthUser): Promise<Contact> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, {
        where: { id: dto.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization)
        throw new ValidationFailedError([{ field: 'organizationId', message: 'is not a known organization' }]);
      if (dto.isPrimary) await this.clearPrimary(manager, dto.organizationId, actor);
      const contact = await manager.save(manager.create(Contact, dto));
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'contact',
        entityId: contact.id,
        action: 'create',
        changes: auditChanges(null, contact, CONTACT_FIELDS, PERSONAL_FIELDS),
      });
      this.logger.log(
        { contactId: contact.id, organizationId: contact.organizationId, actorId: actor.id },
        'contact created',
      );
      return contact;
    });
  }

  async update(id: string, dto: UpdateContactDto, actor: AuthUser): Promise<Contact> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw new ContactNotFoundError();
      if (contact.version !== dto.version) throw new StaleVersionError('contact', contact.version);
      const before = { ...contact };
      const { version: _version, ...changes } = dto;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      manager.merge(Contact, contact, defined);
      const diff = auditChanges(before, contact, CONTACT_FIELDS, PERSONAL_FIELDS);
      if (Object.keys(diff).length === 0) return contact;
      if (contact.isPrimary && !before.isPrimary) await this.clearPrimary(manager, contact.organizationId, actor);
      const saved = await manager.save(contact);
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'contact',
        entityId: id,
        action: 'update',
        changes: diff,
      });
      return saved;
    });
  }

  /**
   * Erases the person: the row goes, and the audit log (which never held their personal
   * fields) keeps only that contact <id> of organization <id> was deleted.
   */
  async erase(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw new ContactNotFoundError();
      // Their check-in answers stay (the scores are the partnership's), but a free-text comment
      // may name or describe them: it goes with the person. The foreign key then clears the link.
      await manager.update(CheckInResponse, { contactId: id }, { comment: null });
      await manager.delete(Contact, { id });
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'contact',
        entityId: id,
        action: 'delete',
        changes: { organizationId: { before: contact.organizationId, after: null } },
      });
    });
    this.logger.log({ contactId: id, actorId: actor.id }, 'contact erased');
  }

  /** The previous primary contact stops being primary (an audited change of that contact). */
  private async clearPrimary(manager: EntityManager, organizationId: string, actor: AuthUser): Promise<void> {
    const previous = await manager.find(Contact, { select: { id: true }, where: { organizationId, isPrimary: true } });
    if (previous.length === 0) return;
    await manager.update(Contact, { organizationId, isPrimary: true }, { isPrimary: false });
    for (const { id } of previous) {
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'contact',
        entityId: id,
        action: 'update',
        changes: { isPrimary: { before: true, after: false } },
      });
    }
  }
}
