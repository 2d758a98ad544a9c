import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page, parseSort } from '../common/dto/pagination.dto';
import { isUniqueViolation } from '../common/database-errors';
import { DomainEvents } from '../common/events/domain-events';
import { DateTime } from 'luxon';
import { escapeLike } from '../common/query';
import { StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { LibraryCalendar } from '../library/library-calendar';
import {
  organizationTimelineCount,
  organizationTimelineRows,
  TimelineAfter,
  TimelineType,
} from '../read-side/timeline.query';
import { UserService } from '../user/user.service';
import { VocabularyTermInUseError } from '../vocabulary/vocabulary.errors';
import { VocabularyTermRemoved } from '../vocabulary/vocabulary.events';
import { AudienceService, CapabilityService } from '../vocabulary/vocabulary.service';
import {
  CreateNoteDto,
  CreateOrganizationDto,
  FitDto,
  ListOrganizationsQueryDto,
  OrganizationSort,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { Note } from './note.entity';
import { OrganizationStage } from './organization-stage';
import { Organization } from './organization.entity';
import { OrganizationNameTakenError, OrganizationNotFoundError, UnknownOwnerError } from './organization.errors';
import { StageChange } from './stage-change.entity';

/** The columns a body's fields of the same name write as they are (the fit comes nested). */
const PLAIN_FIELDS = [
  'name',
  'type',
  'website',
  'email',
  'phone',
  'address',
  'mission',
  'notes',
  'stage',
  'ownerId',
  'audienceIds',
  'capabilityIds',
  'seeksCapabilityIds',
  'tags',
] as const;

/** What the audit log records of an organization (none of it is personal data). */
export const AUDITED_FIELDS = [
  ...PLAIN_FIELDS,
  'fitAudienceReach',
  'fitMissionOverlap',
  'fitComplementaryResources',
  'fitNotes',
] as const;

/** The searchable text of an organization, exactly as the trigram index is built. */
export const ORGANIZATION_SEARCH_EXPRESSION = `tandem_fold(o.name || ' ' || coalesce(o.mission, '') || ' ' || coalesce(o.notes, ''))`;

const SORT_COLUMNS: Record<OrganizationSort, string> = {
  name: 'lower(o.name)',
  updatedAt: 'o.updated_at',
  createdAt: 'o.created_at',
  stage: 'o.stage',
};

type OrganizationInput = Omit<CreateOrganizationDto, 'fit'> & { fit?: FitDto };

/** The list's filters and sort without paging. */
export type OrganizationFilters = Omit<ListOrganizationsQueryDto, 'limit' | 'offset' | 'cursor'>;

/** Up to this many matching organizations a page counts them exactly; above, `total` is the planner's estimate. */
export const EXACT_TOTAL_UP_TO = 10_000;

/** Each sort's key as text (for the cursor) and as the SQL type to compare it back as. */
const POSTGRES_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
/** A timestamptz as PostgreSQL writes it as text, and a real instant (not 30 February). */
const isPostgresTimestamp = (key: string): boolean =>
  POSTGRES_TIMESTAMP.test(key) && DateTime.fromSQL(key, { setZone: true }).isValid;
const SORT_KEYS: Record<OrganizationSort, { text: string; type: string; valid: (key: string) => boolean }> = {
  name: { text: 'lower(o.name)', type: 'text', valid: (key) => key.length <= 400 },
  // As text, microseconds and all: a JavaScript Date would drop them and skip or repeat rows.
  updatedAt: { text: 'o.updated_at::text', type: 'timestamptz', valid: isPostgresTimestamp },
  createdAt: { text: 'o.created_at::text', type: 'timestamptz', valid: isPostgresTimestamp },
  stage: {
    text: 'o.stage::text',
    type: 'organization_stage',
    valid: (key) => (Object.values(OrganizationStage) as string[]).includes(key),
  },
};

/** An organization as a list shows it: its columns, without relations. */
export type OrganizationRecord = Omit<Organization, 'owner'>;

export interface OrganizationPage {
  data: OrganizationRecord[];
  meta: { total: number; limit: number; offset: number; totalIsEstimate: boolean; nextCursor: string | null };
}

/** An organization's columns as the list's query selects them (alias `o`). */
interface OrganizationRow {
  o_id: string;
  o_version: number;
  o_name: string;
  o_type: string | null;
  o_website: string | null;
  o_email: string | null;
  o_phone: string | null;
  o_address: string | null;
  o_mission: string | null;
  o_notes: string | null;
  o_stage: OrganizationStage;
  o_owner_id: string | null;
  o_audience_ids: string[];
  o_capability_ids: string[];
  o_seeks_capability_ids: string[];
  o_tags: string[];
  o_fit_audience_reach: number;
  o_fit_mission_overlap: number;
  o_fit_complementary_resources: number;
  o_fit_notes: string | null;
  o_created_at: Date;
  o_updated_at: Date;
}

function organizationFromRow(row: OrganizationRow): OrganizationRecord {
  return {
    id: row.o_id,
    version: row.o_version,
    name: row.o_name,
    type: row.o_type,
    website: row.o_website,
    email: row.o_email,
    phone: row.o_phone,
    address: row.o_address,
    mission: row.o_mission,
    notes: row.o_notes,
    stage: row.o_stage,
    ownerId: row.o_owner_id,
    audienceIds: row.o_audience_ids,
    capabilityIds: row.o_capability_ids,
    seeksCapabilityIds: row.o_seeks_capability_ids,
    tags: row.o_tags,
    fitAudienceReach: row.o_fit_audience_reach,
    fitMissionOverlap: row.o_fit_mission_overlap,
    fitComplementaryResources: row.o_fit_complementary_resources,
    fitNotes: row.o_fit_notes,
    createdAt: row.o_created_at,
    updatedAt: row.o_updated_at,
  };
}

interface Cursor {
  sort: string;
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset cursor as the API hands it out: its parts (strings), as base64url JSON. */
function writeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The parts of a cursor `writeCursor` made with `count` parts; null for anything else. */
function readCursor(text: string, count: number): string[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === count && value.every((part) => typeof part === 'string')
      ? value
      : null;
  } catch {
    return null;
  }
}

/** A timeline page's cursor: where it ended (the time as PostgreSQL wrote it, the event's id); null when it is not one. */
function decodeTimelineCursor(text: string): TimelineAfter | null {
  const parts = readCursor(text, 2);
  if (!parts) return null;
  const [at, refId] = parts;
  return isPostgresTimestamp(at) && UUID.test(refId) ? { at, refId } : null;
}

/** The cursor a page gave, for the same sort, its key of the sort's kind; null when it is not one (a 400 then). */
function decodeCursor(text: string, sort: string, valid: (key: string) => boolean): Cursor | null {
  const parts = readCursor(text, 3);
  if (!parts) return null;
  const [cursorSort, key, id] = parts;
  if (cursorSort !== sort || !UUID.test(id) || key.includes('\0') || !valid(key)) return null;
  return { sort: cursorSort, key, id };
}

@Injectable()
export class OrganizationService implements OnModuleInit {
  private readonly logger = new Logger(OrganizationService.name);

  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectRepository(Note) private readonly notes: Repository<Note>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audiences: AudienceService,
    private readonly capabilities: CapabilityService,
    private readonly audit: AuditService,
    private readonly users: UserService,
    private readonly events: DomainEvents,
    private readonly calendar: LibraryCalendar,
  ) {}

  onModuleInit(): void {
    // Audiences and capabilities are kept as id arrays (no foreign key): refuse deleting one in use.
    this.events.on(VocabularyTermRemoved, async ({ kind, id }, manager) => {
      const columns = kind === 'audience' ? ['audience_ids'] : ['capability_ids', 'seeks_capability_ids'];
      const count = await manager
        .createQueryBuilder(Organization, 'o')
        .where(columns.map((column) => `o.${column} @> ARRAY[:id]::uuid[]`).join(' OR '), { id })
        .getCount();
      if (count > 0) throw new VocabularyTermInUseError(kind, count, 'organization');
    });
  }

  async get(id: string): Promise<Organization> {
    const org = await this.organizations.findOneBy({ id });
    if (!org) throw new OrganizationNotFoundError();
    return org;
  }

  /** Which of `ids` name an organization. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.organizations.find({ select: { id: true }, where: { id: In([...ids]) } });
    return new Set(found.map((org) => org.id));
  }

  /** The organization as the caller's transaction sees it, or null. */
  findWithin(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  /** The ids of every organization at `stage`, by name. */
  async idsAtStage(stage: OrganizationStage): Promise<string[]> {
    const rows = await this.organizations.find({
      select: { id: true },
      where: { stage },
      order: { name: 'ASC', id: 'ASC' },
    });
    return rows.map((org) => org.id);
  }

  /**
   * The organization, its row locked in the caller's transaction, or null. `no-key-update` (FOR
   * NO KEY UPDATE) keeps others from changing it but not from inserting rows that refer to it;
   * `update` (FOR UPDATE) holds those back too.
   */
  lockWithin(
    manager: EntityManager,
    id: string,
    mode: 'update' | 'no-key-update' = 'update',
  ): Promise<Organization | null> {
    return manager.findOne(Organization, {
      where: { id },
      lock: { mode: mode === 'update' ? 'pessimistic_write' : 'for_no_key_update' },
    });
  }

  /**
   * One page of the directory, as fast at 50,000 organizations as at 500: the page is read through
   * the sort's index (a cursor continues after the last row by keyset, never by skipping rows),
   * and `total` counts at most EXACT_TOTAL_UP_TO rows — above that it is the planner's estimate
   * (`totalIsEstimate`), never a scan of the whole directory. The count rides in the page's own
   * statement (an uncorrelated subquery, run once), so a page is one statement besides
   * authentication; only a page past the end, or a total past the cap, needs another.
   */
  async list(query: ListOrganizationsQueryDto): Promise<OrganizationPage> {
    const sort = query.sort ?? 'name';
    const { field, direction } = parseSort<OrganizationSort>(sort, 'name');
    const key = SORT_KEYS[field];
    const page = this.filteredQuery(query).addSelect(key.text, 'sort_key');
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor, sort, key.valid);
      if (!cursor)
        throw new ValidationFailedError([{ field: 'cursor', message: 'is not a cursor this list gave for this sort' }]);
      if (query.offset > 0)
        throw new ValidationFailedError([{ field: 'offset', message: 'give either a cursor or an offset, not both' }]);
      page.andWhere(
        `(${SORT_COLUMNS[field]}, o.id) ${direction === 'ASC' ? '>' : '<'} (CAST(:cursorKey AS ${key.type}), CAST(:cursorId AS uuid))`,
        {
          cursorKey: cursor.key,
          cursorId: cursor.id,
        },
      );
    } else page.offset(query.offset);
    // One row more than the page says whether there is a next one.
    page.limit(query.limit + 1);
    const [countSql, countParameters] = this.cappedCount(query);
    page.addSelect(`(${countSql})`, 'counted').setParameters(countParameters);
    // Raw rows, mapped here: TypeORM's entity hydration was a tenth of a list request's CPU.
    const raw = await page.getRawMany<OrganizationRow & { sort_key: string; counted: number }>();
    const counted = raw.length > 0 ? await this.totalFrom(raw[0].counted, query) : await this.countUpTo(query);
    const more = raw.length > query.limit;
    const data = raw.slice(0, query.limit).map(organizationFromRow);
    const last = raw[data.length - 1];
    return {
      data,
      meta: {
        ...counted,
        limit: query.limit,
        offset: query.cursor === undefined ? query.offset : 0,
        nextCursor: more && last ? writeCursor([sort, last.sort_key, last.o_id]) : null,
      },
    };
  }

  /**
   * How many organizations match: counted up to EXACT_TOTAL_UP_TO; above, the planner's estimate
   * (the table's row count without filters, the plan's rows with them), never below what was counted.
   */
  private async countUpTo(filters: OrganizationFilters): Promise<{ total: number; totalIsEstimate: boolean }> {
    const [sql, named] = this.cappedCount(filters);
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(sql, named);
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(query, parameters);
    return this.totalFrom(n, filters);
  }

  /** The count of at most EXACT_TOTAL_UP_TO + 1 matching rows, as SQL with named parameters. */
  private cappedCount(filters: OrganizationFilters): [string, ObjectLiteral] {
    const matching = this.filteredQuery(filters).select('1').orderBy();
    return [
      `SELECT count(*)::int AS n FROM (${matching.getQuery()} LIMIT ${EXACT_TOTAL_UP_TO + 1}) AS capped`,
      matching.getParameters(),
    ];
  }

  /** The total from the capped count: exact up to EXACT_TOTAL_UP_TO, else the planner's estimate. */
  private async totalFrom(
    n: number,
    filters: OrganizationFilters,
  ): Promise<{ total: number; totalIsEstimate: boolean }> {
    if (n <= EXACT_TOTAL_UP_TO) return { total: n, totalIsEstimate: false };
    const [sql, parameters] = this.filteredQuery(filters).select('1').orderBy().getQueryAndParameters();
    const [{ 'QUERY PLAN': plan }] = await this.dataSource.query<
      { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]
    >(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    return { total: Math.max(n, Math.round(plan[0].Plan['Plan Rows'])), totalIsEstimate: true };
  }

  /** Every organization the list filters match, in the list's order (for the CSV export). */
  listAll(filters: OrganizationFilters): Promise<Organization[]> {
    return this.filteredQuery(filters).getMany();
  }

  async create(dto: CreateOrganizationDto, actor: AuthUser): Promise<Organization> {
    await this.assertReferences(dto);
    // One statement (see createWith): atomic without a transaction.
    return this.guardName(() => this.createWith(this.dataSource.manager, dto, actor, null));
  }

  /**
   * Creates an organization with `manager` (the CSV import's transaction, or none: it is one
   * statement): saves it, keeps its first stage (with `stageReason`), writes the audit event.
   * Shared by POST and CSV import; the caller must already have checked references
   * (`assertReferences`) and the name.
   */
  async createWith(
    manager: EntityManager,
    dto: CreateOrganizationDto,
    actor: AuthUser,
    stageReason: string | null,
  ): Promise<Organization> {
    const org = await this.insertWithStage(manager, this.toColumns(dto), stageReason, actor.id);
    this.logger.log({ organizationId: org.id, actorId: actor.id }, 'organization created');
    return org;
  }

  /**
   * The organizations row, its first stage change and its `create` audit event in one statement
   * (CTEs: one round trip instead of three, atomic without a transaction); the organization as
   * the database filled it in. `columns` are every column a new organization's audit event
   * names (toColumns makes them so), so the event is made from what is written.
   */
  private async insertWithStage(
    manager: EntityManager,
    columns: Partial<Organization>,
    reason: string | null,
    actorId: string,
  ): Promise<Organization> {
    const metadata = manager.connection.getMetadata(Organization);
    // The property names are toColumns' own (constants), never input.
    const given = Object.entries(columns).filter(([, value]) => value !== undefined);
    const names = given.map(([property]) => `"${metadata.findColumnWithPropertyName(property)!.databaseName}"`);
    const returned = metadata.columns.map(({ databaseName }) => `o."${databaseName}" AS "o_${databaseName}"`);
    const event = this.audit.insertFrom('o', names.length + 3, {
      actorId,
      entityType: 'organization',
      action: 'create',
      changes: auditChanges(null, columns, AUDITED_FIELDS),
    });
    const [row] = await manager.query<OrganizationRow[]>(
      `WITH o AS (
         INSERT INTO organizations (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
         RETURNING *
       ), stage AS (
         INSERT INTO organization_stage_changes (organization_id, from_stage, to_stage, reason, changed_by_id)
         SELECT o.id, NULL, o.stage, $${names.length + 1}, $${names.length + 2} FROM o
       ), event AS (${event.sql})
       SELECT ${returned.join(', ')} FROM o`,
      [...given.map(([, value]) => value), reason, actorId, ...event.values],
    );
    return Object.assign(new Organization(), organizationFromRow(row));
  }

  /** Partial update under optimistic concurrency; a stage change is kept with its reason. */
  async update(id: string, dto: UpdateOrganizationDto, actor: AuthUser): Promise<Organization> {
    await this.assertReferences(dto);
    return this.guardName(() =>
      this.dataSource.transaction(async (manager) => {
        const org = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!org) throw new OrganizationNotFoundError();
        if (org.version !== dto.version) throw new StaleVersionError('organization', org.version);
        return this.applyChanges(manager, org, dto, actor, dto.stageReason ?? null);
      }),
    );
  }

  /**
   * Applies validated changes to a locked organization inside the caller's transaction:
   * saves, keeps the stage change, writes the audit event. Shared by PATCH and CSV import.
   */
  async applyChanges(
    manager: EntityManager,
    org: Organization,
    changes: Partial<OrganizationInput>,
    actor: AuthUser,
    stageReason: string | null,
  ): Promise<Organization> {
    const before = { ...org };
    manager.merge(Organization, org, this.toColumns(changes, org));
    const diff = auditChanges(before, org, AUDITED_FIELDS);
    if (Object.keys(diff).length === 0) return org;
    const saved = await manager.save(org);
    if (before.stage !== saved.stage) {
      await manager.insert(StageChange, {
        organizationId: org.id,
        fromStage: before.stage,
        toStage: saved.stage,
        reason: stageReason,
        changedById: actor.id,
      });
    }
    await this.audit.record(manager, {
      actorId: actor.id,
      entityType: 'organization',
      entityId: org.id,
      action: 'update',
      changes: diff,
    });
    return saved;
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Organization,
        id,
        entityType: 'organization',
        actorId: actor.id,
        notFound: () => new OrganizationNotFoundError(),
        changes: (org) => auditChanges(org, null, AUDITED_FIELDS),
      }),
    );
    this.logger.log({ organizationId: id, actorId: actor.id }, 'organization deleted');
  }

  async addNote(organizationId: string, dto: CreateNoteDto, actor: AuthUser): Promise<Note> {
    await this.get(organizationId);
    return this.dataSource.transaction((manager) =>
      this.addNoteWithin(manager, { organizationId, body: dto.body, authorId: actor.id }, actor.id),
    );
  }

  /**
   * Adds a note inside the caller's transaction, audited like POST …/notes. A note without an
   * author is the system's (a check-in's closing note): it does not count as contact in the
   * health score. `actorId` is null for the system.
   */
  async addNoteWithin(
    manager: EntityManager,
    input: { organizationId: string; body: string; authorId: string | null },
    actorId: string | null,
  ): Promise<Note> {
    const note = await manager.save(manager.create(Note, input));
    await this.audit.record(manager, {
      actorId,
      entityType: 'note',
      entityId: note.id,
      action: 'create',
      changes: { organizationId: { before: null, after: input.organizationId } },
    });
    return note;
  }

  /**
   * Everything that happened with the organization, newest first (404 for an unknown one): the
   * read side's one statement over every domain's events (read-side/timeline.query.ts), after
   * `cursor` (the previous page's `nextCursor`) by keyset, else from `offset`; `total` counts
   * every event.
   */
  async timeline(
    organizationId: string,
    limit: number,
    offset: number,
    cursor?: string,
  ): Promise<{
    data: { type: TimelineType; at: string; summary: string; refId: string; language?: string | null }[];
    total: number;
    nextCursor: string | null;
  }> {
    let after: TimelineAfter | null = null;
    if (cursor !== undefined) {
      after = decodeTimelineCursor(cursor);
      if (!after) throw new ValidationFailedError([{ field: 'cursor', message: 'is not a cursor this timeline gave' }]);
      if (offset > 0)
        throw new ValidationFailedError([{ field: 'offset', message: 'give either a cursor or an offset, not both' }]);
    }
    await this.get(organizationId);
    const zone = await this.calendar.zone();
    const [rows, total] = await Promise.all([
      organizationTimelineRows(this.dataSource, organizationId, limit + 1, offset, zone, after),
      organizationTimelineCount(this.dataSource, organizationId, zone),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((row) => ({
        type: row.type,
        at: new Date(row.at).toISOString(),
        summary: row.summary,
        refId: row.ref_id,
        // Feedback says the language it was given in; the other kinds have none.
        ...(row.type === 'feedback' ? { language: row.language } : {}),
      })),
      total,
      nextCursor: rows.length > limit && last ? writeCursor([last.at_text, last.ref_id]) : null,
    };
  }

  async listNotes(organizationId: string, limit: number, offset: number): Promise<Page<Note>> {
    await this.get(organizationId);
    const [data, total] = await this.notes.findAndCount({
      where: { organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { data, meta: { total, limit, offset } };
  }

  /** Referenced audiences, capabilities and owner must exist (400 naming the field otherwise). */
  async assertReferences(input: Partial<OrganizationInput>): Promise<void> {
    await this.audiences.assertExist(input.audienceIds ?? [], 'audienceIds');
    await this.capabilities.assertExist(input.capabilityIds ?? [], 'capabilityIds');
    await this.capabilities.assertExist(input.seeksCapabilityIds ?? [], 'seeksCapabilityIds');
    if (input.ownerId) {
      if (!(await this.users.findActive(input.ownerId))) throw new UnknownOwnerError();
    }
  }

  /** The list filters and sort, shared by the paged list and the export. */
  private filteredQuery(query: OrganizationFilters): SelectQueryBuilder<Organization> {
    const qb = this.organizations.createQueryBuilder('o');
    if (query.q)
      qb.andWhere(`${ORGANIZATION_SEARCH_EXPRESSION} LIKE '%' || tandem_fold(:q) || '%'`, { q: escapeLike(query.q) });
    if (query.stage?.length) qb.andWhere('o.stage IN (:...stages)', { stages: query.stage });
    if (query.audienceId) qb.andWhere('o.audience_ids @> ARRAY[:audienceId]::uuid[]', { audienceId: query.audienceId });
    if (query.capabilityId)
      qb.andWhere('o.capability_ids @> ARRAY[:capabilityId]::uuid[]', { capabilityId: query.capabilityId });
    if (query.seeksCapabilityId) {
      qb.andWhere('o.seeks_capability_ids @> ARRAY[:seeksCapabilityId]::uuid[]', {
        seeksCapabilityId: query.seeksCapabilityId,
      });
    }
    if (query.ownerId) qb.andWhere('o.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.tag) qb.andWhere('o.tags @> ARRAY[:tag]::varchar[]', { tag: query.tag });
    const { field, direction } = parseSort<OrganizationSort>(query.sort, 'name');
    return qb.orderBy(SORT_COLUMNS[field], direction).addOrderBy('o.id', direction);
  }

  /** DTO fields → entity columns; `undefined` leaves a column as it is. */
  private toColumns(input: Partial<OrganizationInput>, current?: Organization): Partial<Organization> {
    const columns: Partial<Organization> = {};
    for (const key of PLAIN_FIELDS) {
      if (input[key] !== undefined) (columns as Record<string, unknown>)[key] = input[key];
    }
    const fit = input.fit;
    if (fit) {
      if (fit.audienceReach !== undefined) columns.fitAudienceReach = fit.audienceReach;
      if (fit.missionOverlap !== undefined) columns.fitMissionOverlap = fit.missionOverlap;
      if (fit.complementaryResources !== undefined) columns.fitComplementaryResources = fit.complementaryResources;
      if (fit.notes !== undefined) columns.fitNotes = fit.notes;
    }
    if (!current) {
      // A new organization's audit event is made from these (insertWithStage): what the table
      // would default is written here, so the event names exactly what is stored.
      columns.stage ??= OrganizationStage.Prospect;
      for (const key of ['audienceIds', 'capabilityIds', 'seeksCapabilityIds', 'tags'] as const) columns[key] ??= [];
      for (const key of ['fitAudienceReach', 'fitMissionOverlap', 'fitComplementaryResources'] as const)
        columns[key] ??= 0;
    }
    return columns;
  }

  private async guardName<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_organizations_name_lower')) throw new OrganizationNameTakenError();
      throw error;
    }
  }
}
