import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { guardReferences } from '../common/database-errors';
import { Page } from '../common/dto/pagination.dto';
import { DomainEvents } from '../common/events/domain-events';
import { NotFoundError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { LibrarySettingsService } from '../library/library-settings.service';
import { OrganizationService } from '../organization/organization.service';
import { escapeLike, pageWithTotal } from '../common/query';
import { Contact, PreferredChannel } from './contact.entity';
import { ContactErased } from './contact.events';
import { contactSearchCondition } from './contact.mapper';
import { CreateContactDto, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';

const CONTACT_FIELDS = [
  'organizationId',
  'name',
  'title',
  'email',
  'phone',
  'preferredChannel',
  'language',
  'isPrimary',
  'notes',
] as const;
/** Fields the audit log never holds values of: after erasure nothing of the person remains. */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['name', 'title', 'email', 'phone', 'notes']);

/** A foreign key that fails because the organization went away mid-request → the body field to name. */
const FK_FIELDS: Record<string, string> = { fk_contacts_organization: 'organizationId' };

const unknownOrganization = () =>
  new ValidationFailedError([{ field: 'organizationId', message: 'is not a known organization' }]);

/** Why an organization's primary contact cannot be emailed (see ContactService.primaryReach). */
export type PrimaryContactGap = 'no-contact' | 'no-email' | 'unsubscribed';

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
    private readonly events: DomainEvents,
    private readonly organizations: OrganizationService,
    private readonly library: LibrarySettingsService,
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

  /** Inside the caller's transaction: which of these contacts exist. */
  async existingIdsWithin(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await manager.find(Contact, { select: { id: true }, where: { id: In([...ids]) } });
    return new Set(found.map((contact) => contact.id));
  }

  /** The organization of each of these contacts that exists (contact id → organization id), in the caller's transaction. */
  async organizationsOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await manager.find(Contact, {
      select: { id: true, organizationId: true },
      where: { id: In([...ids]) },
    });
    return new Map(found.map((contact) => [contact.id, contact.organizationId]));
  }

  /**
   * The organization's primary contact when they can be emailed (an address, not unsubscribed),
   * the earliest if several are marked primary; else why nobody can: `no-contact` (no primary
   * contact), `no-email` (none with an address), `unsubscribed` (those with one unsubscribed).
   */
  async primaryReach(
    organizationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ contactId: string } | { contactId: null; reason: PrimaryContactGap }> {
    const primaries = await manager.find(Contact, {
      select: { id: true, email: true, unsubscribedAt: true },
      where: { organizationId, isPrimary: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const reachable = primaries.find((contact) => contact.email !== null && contact.unsubscribedAt === null);
    if (reachable) return { contactId: reachable.id };
    if (primaries.length === 0) return { contactId: null, reason: 'no-contact' };
    return {
      contactId: null,
      reason: primaries.some((contact) => contact.email !== null) ? 'unsubscribed' : 'no-email',
    };
  }

  /** Whether the contact has unsubscribed from Tandem's emails; null when there is no such contact. */
  async emailPreferencesOf(id: string): Promise<{ unsubscribedAt: Date | null; language: string } | null> {
    return this.contacts.findOne({ select: { id: true, unsubscribedAt: true, language: true }, where: { id } });
  }

  /**
   * Inside the caller's transaction: marks the contact as unsubscribed from Tandem's emails (the
   * row locked, so two clicks at once record it once, audited as an anonymous update). 'already'
   * when it was; null when there is no such contact.
   */
  async unsubscribeWithin(manager: EntityManager, id: string): Promise<'unsubscribed' | 'already' | null> {
    const contact = await manager.findOne(Contact, {
      select: { id: true, unsubscribedAt: true },
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!contact) return null;
    if (contact.unsubscribedAt) return 'already';
    const [[{ unsubscribed_at: at }]] = await manager.query<[{ unsubscribed_at: Date }[], number]>(
      `UPDATE contacts SET unsubscribed_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING unsubscribed_at`,
      [id],
    );
    await this.audit.record(manager, {
      actorId: null,
      entityType: 'contact',
      entityId: id,
      action: 'update',
      changes: { unsubscribedAt: { before: null, after: at.toISOString() } },
    });
    return 'unsubscribed';
  }

  /**
   * Adds a contact to an organization. A primary one takes over from the organization's primary
   * contact in a transaction, under the organization's row lock so that two at once take turns.
   * Any other is the library settings' read (its language) and one statement writing the row and
   * its audit event, the foreign key vouching for the organization (see refusedLikeBefore).
   */
  async create(dto: CreateContactDto, actor: AuthUser): Promise<Contact> {
    return this.refusedLikeBefore(dto, () =>
      guardReferences(FK_FIELDS, () =>
        dto.isPrimary
          ? this.dataSource.transaction((manager) => this.insert(manager, dto, actor))
          : this.insert(this.dataSource.manager, dto, actor),
      ),
    );
  }

  /**
   * Runs a create that skipped the organization check. When it is refused (a 400: a language
   * the library does not offer, the foreign key), an unknown organization is the answer after
   * all, as when it was checked first.
   */
  private async refusedLikeBefore<R>(dto: CreateContactDto, create: () => Promise<R>): Promise<R> {
    try {
      return await create();
    } catch (error) {
      if (
        error instanceof ValidationFailedError &&
        (await this.organizations.existingIds([dto.organizationId])).size === 0
      )
        throw unknownOrganization();
      throw error;
    }
  }

  private async insert(manager: EntityManager, dto: CreateContactDto, actor: AuthUser): Promise<Contact> {
    if (dto.isPrimary && !(await this.organizations.lockWithin(manager, dto.organizationId)))
      throw unknownOrganization();
    const language = await this.library.languageFor(dto.language, {}, manager);
    if (dto.isPrimary) await this.clearPrimary(manager, dto.organizationId, actor);
    // Every column the audit event names is written, the table's defaults included, so the
    // event is made from what is stored.
    const columns = {
      organizationId: dto.organizationId,
      name: dto.name,
      title: dto.title ?? null,
      email: dto.email ?? null,
      phone: dto.phone ?? null,
      preferredChannel: dto.preferredChannel ?? PreferredChannel.Email,
      language,
      isPrimary: dto.isPrimary ?? false,
      notes: dto.notes ?? null,
    };
    const event = this.audit.insertFrom('contact', 10, {
      actorId: actor.id,
      entityType: 'contact',
      action: 'create',
      changes: auditChanges(null, columns, CONTACT_FIELDS, PERSONAL_FIELDS),
    });
    const [row] = await manager.query<{ id: string; version: number; created_at: Date; updated_at: Date }[]>(
      `WITH contact AS (
         INSERT INTO contacts (organization_id, name, title, email, phone, preferred_channel, language, is_primary, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, version, created_at, updated_at
       ), event AS (${event.sql})
       SELECT * FROM contact`,
      [
        columns.organizationId,
        columns.name,
        columns.title,
        columns.email,
        columns.phone,
        columns.preferredChannel,
        columns.language,
        columns.isPrimary,
        columns.notes,
        ...event.values,
      ],
    );
    const contact = Object.assign(new Contact(), columns, {
      id: row.id,
      version: row.version,
      unsubscribedAt: null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    this.logger.log(
      { contactId: contact.id, organizationId: contact.organizationId, actorId: actor.id },
      'contact created',
    );
    return contact;
  }

  async update(id: string, dto: UpdateContactDto, actor: AuthUser): Promise<Contact> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw new ContactNotFoundError();
      if (contact.version !== dto.version) throw new StaleVersionError('contact', contact.version);
      const before = { ...contact };
      const { version: _version, ...changes } = dto;
      if (changes.language !== undefined)
        changes.language = await this.library.languageFor(changes.language, { keep: contact.language }, manager);
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
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Contact,
        id,
        entityType: 'contact',
        actorId: actor.id,
        notFound: () => new ContactNotFoundError(),
        // Whatever else describes the person goes in this transaction too (check-in comments).
        beforeDelete: () => this.events.publish(manager, new ContactErased(id)),
        changes: (contact) => ({ organizationId: { before: contact.organizationId, after: null } }),
      }),
    );
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
