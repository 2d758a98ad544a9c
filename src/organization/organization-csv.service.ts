import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsOptional, isUUID, validate } from 'class-validator';
// CsvError from the same entry point as parse: each bundle has its own class.
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula, restoreFormula } from '../common/csv-cells';
import { CSV_COLUMNS, MAX_IMPORT_BYTES, MAX_LISTED_ERRORS } from '@tandem/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../common/database-errors';
import { BadRequestError, DomainError } from '../common/errors/domain-error';
import { flattenValidationErrors, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../common/pipes/validation';
import type { User } from '../user/user.entity';
import { UserService } from '../user/user.service';
import { AudienceService, CapabilityService } from '../vocabulary/vocabulary.service';
import { CreateOrganizationDto, ListOrganizationsQueryDto } from './dto/organization.dto';
import { Organization } from './organization.entity';
import { OrganizationNameTakenError } from './organization.errors';
import { OrganizationService } from './organization.service';

// ---------------------------------------------------------------------------------------------
// Limits and columns
// ---------------------------------------------------------------------------------------------

export { MAX_IMPORT_BYTES, MAX_LISTED_ERRORS };
export const MAX_IMPORT_ROWS = 10_000;
/** The reason kept with every stage an import sets (timeline: "Stage: a → b — CSV import"). */
export const IMPORT_STAGE_REASON = 'CSV import';

// The header row (CSV_COLUMNS) is in @tandem/shared: the web app's import template is the same row.
/** Import also takes the owner by email, as files from exports before the `owner` column name them. */
export const LEGACY_IMPORT_COLUMNS = ['ownerEmail'] as const;
const IMPORT_COLUMNS = [...CSV_COLUMNS, ...LEGACY_IMPORT_COLUMNS] as const;
export type CsvColumn = (typeof IMPORT_COLUMNS)[number];

const TEXT_COLUMNS = ['name', 'type', 'website', 'email', 'phone', 'address', 'mission', 'notes'] as const;
const FIT_SCORE_COLUMNS = {
  fitAudienceReach: 'audienceReach',
  fitMissionOverlap: 'missionOverlap',
  fitComplementaryResources: 'complementaryResources',
} as const;

/** DTO field (as class-validator names it) → the CSV column the user should fix. */
const COLUMN_OF_FIELD: Record<string, CsvColumn> = {
  ownerId: 'owner',
  audienceIds: 'audiences',
  capabilityIds: 'capabilities',
  seeksCapabilityIds: 'seeksCapabilities',
  'fit.audienceReach': 'fitAudienceReach',
  'fit.missionOverlap': 'fitMissionOverlap',
  'fit.complementaryResources': 'fitComplementaryResources',
  'fit.notes': 'fitNotes',
};

// ---------------------------------------------------------------------------------------------
// Pure helpers (unit-tested in organization-csv.service.spec.ts)
// ---------------------------------------------------------------------------------------------

export { neutralizeFormula, restoreFormula };

export const LIST_SEPARATOR = '; ';

/** Names of a list cell, in order: separated by ";", trimmed, empty ones dropped. */
export function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function joinList(values: readonly string[]): string {
  return values.join(LIST_SEPARATOR);
}

/** The CSV column for a field class-validator reported ("fit.missionOverlap" → "fitMissionOverlap"). */
export function columnOfField(field: string): string {
  return COLUMN_OF_FIELD[field] ?? COLUMN_OF_FIELD[field.split('.')[0]] ?? field.split('.')[0];
}

export interface CsvRowError {
  /** As a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
  row: number;
  /** The column; null when the problem is the whole row (e.g. its number of cells). */
  field: string | null;
  message: string;
}

export interface CsvDataRow {
  row: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvDataRow[];
  /** A syntax error ends parsing; it is reported like a row error. */
  syntaxError?: CsvRowError;
}

const SYNTAX_MESSAGES: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " is missing)',
  INVALID_OPENING_QUOTE: 'a cell has a " in the middle; put the whole cell in quotes and double the " inside it',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell has text after its closing "; double a " inside a quoted cell',
};

/**
 * Reads an uploaded file as CSV text: UTF-8 (a byte order mark is allowed), comma-separated,
 * cells quoted with ". Rows where every cell is empty are skipped but still counted, so row
 * numbers match the spreadsheet. Throws for a file that is not UTF-8 text, is empty, or has
 * more than MAX_IMPORT_ROWS data rows.
 */
export function readCsvTable(content: Buffer): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new CsvUnreadableError('The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.');
  }
  let records: string[][];
  let syntaxError: CsvRowError | undefined;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const recordsRead = typeof error.records === 'number' ? error.records : 0;
    const problem = SYNTAX_MESSAGES[error.code] ?? error.code;
    if (recordsRead === 0) throw new CsvUnreadableError(`The first row cannot be read as CSV: ${problem}.`);
    // Keep the rows before the error, so the header and the row limit still apply to them.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, to: recordsRead });
    syntaxError = { row: recordsRead + 1, field: null, message: `cannot be read as CSV: ${problem}` };
  }
  if (records.length === 0 || records[0].every((cell) => cell.trim() === '')) {
    throw new CsvUnreadableError('The file is empty: the first row must name the columns (id, name, …).');
  }
  const rows = records
    .map((cells, index) => ({ row: index + 1, cells }))
    .slice(1)
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (rows.length > MAX_IMPORT_ROWS) throw new CsvTooManyRowsError(rows.length);
  return { header: records[0].map((cell) => cell.trim()), rows, syntaxError };
}

/** Which column each header cell is (case-insensitive); unknown, duplicate and missing ones are errors. */
export function mapHeader(header: readonly string[]): { columns: (CsvColumn | null)[]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const seen = new Set<CsvColumn>();
  const columns = header.map((cell, index) => {
    const column = IMPORT_COLUMNS.find((known) => known.toLowerCase() === cell.toLowerCase()) ?? null;
    if (!column) {
      errors.push(
        cell === ''
          ? { row: 1, field: null, message: `column ${index + 1} has no name` }
          : { row: 1, field: cell, message: `is not a known column (the columns are ${CSV_COLUMNS.join(', ')})` },
      );
    } else if (seen.has(column)) {
      errors.push({ row: 1, field: column, message: 'is a column twice' });
    }
    if (column) seen.add(column);
    return column;
  });
  if (!seen.has('name')) errors.push({ row: 1, field: 'name', message: 'column is missing' });
  if (seen.has('owner') && seen.has('ownerEmail'))
    errors.push({ row: 1, field: 'ownerEmail', message: 'cannot be used together with owner; keep one of them' });
  return { columns, errors };
}

// ---------------------------------------------------------------------------------------------
// Errors (400 problem details through the global filter)
// ---------------------------------------------------------------------------------------------

export class CsvFileMissingError extends BadRequestError {
  constructor() {
    super('CSV_FILE_MISSING', 'Upload the CSV file as the multipart/form-data field "file".');
  }
}

export class CsvUnreadableError extends BadRequestError {
  constructor(message: string) {
    super('CSV_UNREADABLE', message);
  }
}

export class CsvTooManyRowsError extends BadRequestError {
  constructor(rows: number) {
    super(
      'CSV_TOO_MANY_ROWS',
      `The file has ${rows} data rows; at most ${MAX_IMPORT_ROWS} can be imported at once. Split it and import the parts.`,
    );
  }
}

/** A file with any wrong row: nothing was imported; `errors` lists every problem with its row. */
export class CsvImportInvalidError extends DomainError {
  constructor(errors: CsvRowError[], errorCount: number) {
    super(
      'bad-request',
      'CSV_IMPORT_INVALID',
      `Nothing was imported: the file has ${errorCount === 1 ? 'an error' : `${errorCount} errors`}` +
        `${errorCount > errors.length ? ` (the first ${errors.length} are listed)` : ''}. Fix ${errorCount === 1 ? 'it' : 'them'} and upload the file again.`,
      { errors, errorCount },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// DTOs of the two routes
// ---------------------------------------------------------------------------------------------

/** The list's filters and sort, without paging: the export has every match. */
export class ExportOrganizationsQueryDto extends OmitType(ListOrganizationsQueryDto, ['limit', 'offset'] as const) {}

export class ImportOrganizationsQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Only validate: answer what would be created and updated, with every error; write nothing.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Spreadsheet row: the header is row 1, the first data row is row 2.', example: 3 })
  row: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The column; null when the problem is the whole row.',
    example: 'stage',
  })
  field: string | null;

  @ApiProperty({ example: 'must be one of prospect, exploring, active, paused, ended' })
  message: string;
}

export class ImportResultDto {
  @ApiProperty({ description: 'Rows that create (or, in a dry run, would create) an organization.' })
  created: number;

  @ApiProperty({ description: 'Rows that match an existing organization, whether or not any value differs.' })
  updated: number;

  @ApiProperty({
    type: [ImportRowErrorDto],
    description: 'Always empty after a real import; the problems found in a dry run.',
  })
  errors: ImportRowErrorDto[];
}

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

interface RowPlan {
  row: number;
  dto: CreateOrganizationDto;
  /** The organization this row updates; none for a new one. */
  target?: Organization;
}

interface CheckedRow {
  row: number;
  dto?: CreateOrganizationDto;
  target?: Organization;
  /** The trimmed, lower-cased name ('' when empty): names must be unique within a file. */
  nameKey: string;
  matchedById: boolean;
  errors: CsvRowError[];
}

interface ImportPlan {
  rows: RowPlan[];
  errors: CsvRowError[];
}

/** Lookups shared by every row of one file. */
interface ImportContext {
  columns: (CsvColumn | null)[];
  byId: Map<string, Organization>;
  byName: Map<string, Organization>;
  usersByEmail: Map<string, User>;
  /** Users by lower-cased name; several when people share a name. */
  usersByName: Map<string, User[]>;
  audiencesByName: Map<string, string>;
  capabilitiesByName: Map<string, string>;
}

const lowerKey = (value: string): string => value.trim().toLowerCase();

/**
 * Organizations as CSV, out and in. Import is all or nothing: every row is validated (with the
 * API's own DTO rules) and resolved before anything is written, and then all rows are written
 * in one transaction through OrganizationService, so the audit log and stage history are the
 * same as for API writes.
 */
@Injectable()
export class OrganizationCsvService {
  private readonly logger = new Logger(OrganizationCsvService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly audiences: AudienceService,
    private readonly capabilities: CapabilityService,
    private readonly users: UserService,
  ) {}

  /** Every organization the filters match, in the list's order, as CSV text (UTF-8 with a BOM for Excel). */
  async exportCsv(filters: ExportOrganizationsQueryDto): Promise<string> {
    const [orgs, audiences, capabilities] = await Promise.all([
      this.organizations.listAll(filters),
      this.audiences.list(),
      this.capabilities.list(),
    ]);
    const audienceNames = new Map(audiences.map((term) => [term.id, term.name]));
    const capabilityNames = new Map(capabilities.map((term) => [term.id, term.name]));
    const ownerIds = [...new Set(orgs.map((org) => org.ownerId).filter((id): id is string => id !== null))];
    const owners = await this.users.findByIds(ownerIds);
    const ownerNames = new Map(owners.map((user) => [user.id, user.name]));
    // A dangling id (none should exist) is written as the id, so an import reports it instead of dropping it.
    const names = (ids: readonly string[], known: Map<string, string>) =>
      joinList(ids.map((id) => known.get(id) ?? id));

    const rows = orgs.map((org): Record<(typeof CSV_COLUMNS)[number], string | number | null> => ({
      id: org.id,
      name: org.name,
      type: org.type,
      website: org.website,
      email: org.email,
      phone: org.phone,
      address: org.address,
      mission: org.mission,
      notes: org.notes,
      stage: org.stage,
      owner: org.ownerId ? (ownerNames.get(org.ownerId) ?? null) : null,
      audiences: names(org.audienceIds, audienceNames),
      capabilities: names(org.capabilityIds, capabilityNames),
      seeksCapabilities: names(org.seeksCapabilityIds, capabilityNames),
      tags: joinList(org.tags),
      fitAudienceReach: org.fitAudienceReach,
      fitMissionOverlap: org.fitMissionOverlap,
      fitComplementaryResources: org.fitComplementaryResources,
      fitNotes: org.fitNotes,
      version: org.version,
    }));
    const records = rows.map((row) =>
      CSV_COLUMNS.map((column) => {
        const value = row[column];
        return typeof value === 'string' ? neutralizeFormula(value) : value;
      }),
    );
    // RFC 4180 line ends; the BOM makes Excel read the file as UTF-8 (accented names survive).
    return `\uFEFF${stringify([[...CSV_COLUMNS], ...records], { record_delimiter: 'windows' })}`;
  }

  /**
   * Validates every row of an uploaded CSV and, unless `dryRun`, writes them all in one
   * transaction. A dry run answers the counts with every error; a real import with any error
   * throws CsvImportInvalidError (400) and writes nothing.
   */
  async importCsv(content: Buffer, options: { dryRun: boolean }, actor: AuthUser): Promise<ImportResultDto> {
    const table = readCsvTable(content);
    if (options.dryRun) {
      const plan = await this.plan(this.dataSource.manager, table, false);
      return { ...this.count(plan.rows), errors: plan.errors.slice(0, MAX_LISTED_ERRORS) };
    }
    try {
      const result = await this.dataSource.transaction(async (manager) => {
        // Validated inside the transaction with the matched rows locked, so what was checked is what is written.
        const plan = await this.plan(manager, table, true);
        if (plan.errors.length > 0)
          throw new CsvImportInvalidError(plan.errors.slice(0, MAX_LISTED_ERRORS), plan.errors.length);
        for (const { dto, target } of plan.rows) {
          if (target) await this.organizations.applyChanges(manager, target, dto, actor, IMPORT_STAGE_REASON);
          else await this.organizations.createWith(manager, dto, actor, IMPORT_STAGE_REASON);
        }
        return { ...this.count(plan.rows), errors: [] };
      });
      this.logger.log(
        { actorId: actor.id, created: result.created, updated: result.updated },
        'organizations imported',
      );
      return result;
    } catch (error) {
      // Someone else took one of the names between validation and commit.
      if (isUniqueViolation(error, 'uq_organizations_name_lower')) throw new OrganizationNameTakenError();
      throw error;
    }
  }

  private count(rows: readonly RowPlan[]): { created: number; updated: number } {
    const updated = rows.filter((row) => row.target).length;
    return { created: rows.length - updated, updated };
  }

  /** Every row validated and resolved against the database; `lock` locks the organizations it updates. */
  private async plan(manager: EntityManager, table: CsvTable, lock: boolean): Promise<ImportPlan> {
    const { columns, errors } = mapHeader(table.header);
    if (errors.length > 0) return { rows: [], errors: table.syntaxError ? [...errors, table.syntaxError] : errors };
    const context = await this.loadContext(manager, table, columns, lock);

    const plans: RowPlan[] = [];
    const rowErrors: CsvRowError[] = [];
    const rowOfName = new Map<string, number>();
    const rowOfTarget = new Map<string, number>();
    for (const dataRow of table.rows) {
      const checked = await this.checkRow(dataRow, context);
      const { row, errors: problems } = checked;
      // Within the file: one row per name, and one row per existing organization.
      const earlierName = checked.nameKey ? rowOfName.get(checked.nameKey) : undefined;
      if (earlierName !== undefined)
        problems.push({ row, field: 'name', message: `is also the name in row ${earlierName}` });
      else if (checked.nameKey) rowOfName.set(checked.nameKey, row);
      if (checked.target && earlierName === undefined) {
        const earlier = rowOfTarget.get(checked.target.id);
        if (earlier !== undefined) {
          problems.push({
            row,
            field: checked.matchedById ? 'id' : 'name',
            message: `updates the same organization as row ${earlier}`,
          });
        } else rowOfTarget.set(checked.target.id, row);
      }
      if (problems.length === 0 && checked.dto) plans.push({ row, dto: checked.dto, target: checked.target });
      rowErrors.push(...problems);
    }
    if (table.syntaxError) rowErrors.push(table.syntaxError);
    return { rows: plans, errors: rowErrors };
  }

  /** The raw text of a cell with the export's formula quote removed; undefined when the column is absent. */
  private cell(dataRow: CsvDataRow, context: ImportContext, column: CsvColumn): string | undefined {
    const index = context.columns.indexOf(column);
    return index < 0 ? undefined : restoreFormula(dataRow.cells[index] ?? '');
  }

  private async loadContext(
    manager: EntityManager,
    table: CsvTable,
    columns: (CsvColumn | null)[],
    lock: boolean,
  ): Promise<ImportContext> {
    const cellsOf = (column: CsvColumn) => {
      const index = columns.indexOf(column);
      // A cell PostgreSQL cannot store is a row error (checkRow) and is never sent to it.
      return index < 0
        ? []
        : table.rows
            .map(({ cells }) => restoreFormula(cells[index] ?? '').trim())
            .filter((cell) => cell !== '' && isStorableText(cell));
    };
    const ids = [
      ...new Set(
        cellsOf('id')
          .filter((id) => isUUID(id, 'all'))
          .map((id) => id.toLowerCase()),
      ),
    ];
    const names = [...new Set(cellsOf('name'))];
    const emails = [...new Set(cellsOf('ownerEmail').map(lowerKey))];
    const ownerNames = [...new Set(cellsOf('owner').map(lowerKey))];

    const orgQuery = manager
      .createQueryBuilder(Organization, 'o')
      .where('o.id = ANY(CAST(:ids AS uuid[]))', { ids })
      .orWhere('lower(o.name) = ANY(SELECT lower(n) FROM unnest(CAST(:names AS text[])) AS n)', { names });
    if (lock) orgQuery.setLock('pessimistic_write');
    const [orgs, users, namesakes, audiences, capabilities] = await Promise.all([
      ids.length || names.length ? orgQuery.getMany() : Promise.resolve([]),
      this.users.findByEmails(emails, manager),
      this.users.findByNames(ownerNames, manager),
      this.audiences.list(),
      this.capabilities.list(),
    ]);
    const usersByName = new Map<string, User[]>();
    for (const user of namesakes)
      usersByName.set(lowerKey(user.name), [...(usersByName.get(lowerKey(user.name)) ?? []), user]);
    return {
      columns,
      byId: new Map(orgs.map((org) => [org.id, org])),
      byName: new Map(orgs.map((org) => [lowerKey(org.name), org])),
      usersByEmail: new Map(users.map((user) => [lowerKey(user.email), user])),
      usersByName,
      audiencesByName: new Map(audiences.map((term) => [lowerKey(term.name), term.id])),
      capabilitiesByName: new Map(capabilities.map((term) => [lowerKey(term.name), term.id])),
    };
  }

  /** One data row → the DTO the API would take (validated with its rules) and its target, with its errors. */
  private async checkRow(dataRow: CsvDataRow, context: ImportContext): Promise<CheckedRow> {
    const { row } = dataRow;
    const errors: CsvRowError[] = [];
    const fail = (field: string | null, message: string) => errors.push({ row, field, message });
    if (dataRow.cells.length !== context.columns.length) {
      fail(null, `has ${dataRow.cells.length} cells; the header has ${context.columns.length}`);
      return { row, nameKey: '', matchedById: false, errors };
    }
    const cell = (column: CsvColumn) => this.cell(dataRow, context, column);
    // Text PostgreSQL cannot store (NUL, an unpaired surrogate), as the API refuses it; nothing
    // else of the row is checked, so its cells are never compared or looked up.
    context.columns.forEach((column, index) => {
      if (column && !isStorableText(dataRow.cells[index] ?? '')) fail(column, UNSTORABLE_TEXT_MESSAGE);
    });
    if (errors.length > 0) return { row, nameKey: '', matchedById: false, errors };
    const plain: Record<string, unknown> = {};

    // Which organization: by id, else by name (case-insensitive), else a new one.
    let target: Organization | undefined;
    const id = cell('id')?.trim() ?? '';
    const matchedById = id !== '';
    const name = cell('name') ?? '';
    const sameName = context.byName.get(lowerKey(name));
    if (id !== '') {
      if (!isUUID(id, 'all')) fail('id', 'must be an organization id, or empty for a new organization');
      else {
        target = context.byId.get(id.toLowerCase());
        if (!target) fail('id', 'no organization has this id');
        else if (sameName && sameName.id !== target.id) fail('name', 'is the name of another organization');
      }
    } else {
      target = sameName;
    }

    for (const column of TEXT_COLUMNS) {
      const value = cell(column);
      if (value !== undefined) plain[column] = value;
    }
    const stage = cell('stage')?.trim();
    // Empty: a new organization starts as a prospect; an existing one keeps its stage.
    if (stage) plain.stage = stage.toLowerCase();

    const owner = this.resolveOwner(cell, context, target);
    if (owner !== undefined) {
      if ('error' in owner) fail(owner.column, owner.error);
      else plain.ownerId = owner.ownerId;
    }

    const resolveNames = (column: CsvColumn, field: string, known: Map<string, string>, kind: string) => {
      const value = cell(column);
      if (value === undefined) return;
      const ids: string[] = [];
      for (const termName of splitList(value)) {
        const termId = known.get(lowerKey(termName));
        if (!termId) fail(column, `"${termName}" is not a known ${kind}`);
        else if (!ids.includes(termId)) ids.push(termId);
      }
      plain[field] = ids;
    };
    resolveNames('audiences', 'audienceIds', context.audiencesByName, 'audience');
    resolveNames('capabilities', 'capabilityIds', context.capabilitiesByName, 'capability');
    resolveNames('seeksCapabilities', 'seeksCapabilityIds', context.capabilitiesByName, 'capability');

    const tags = cell('tags');
    if (tags !== undefined) plain.tags = [...new Map(splitList(tags).map((tag) => [tag.toLowerCase(), tag])).values()];

    // Empty scores: 0 for a new organization, unchanged for an existing one.
    const fit: Record<string, unknown> = {};
    for (const [column, key] of Object.entries(FIT_SCORE_COLUMNS) as [CsvColumn, string][]) {
      const value = cell(column)?.trim();
      if (value) fit[key] = /^-?\d+$/.test(value) ? Number(value) : value;
    }
    const fitNotes = cell('fitNotes');
    if (fitNotes !== undefined) fit.notes = fitNotes;
    if (Object.keys(fit).length > 0) plain.fit = fit;

    // The stale-write rule, as for PATCH: a row carrying the version it was exported at does not
    // overwrite a colleague's later change. No version (column or cell) means "overwrite".
    const version = cell('version')?.trim();
    if (version && target) {
      if (!/^\d{1,9}$/.test(version) || Number(version) < 1)
        fail('version', 'must be the version from the export (a whole number), or empty');
      else if (Number(version) !== target.version) {
        fail(
          'version',
          `is ${Number(version)}, but the organization is now at version ${target.version}: someone changed it since this file was exported. ` +
            'Export again and redo your changes there, or empty this cell to overwrite theirs.',
        );
      }
    }

    const dto = plainToInstance(CreateOrganizationDto, plain, { enableImplicitConversion: false });
    const invalid = await validate(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    for (const { field, message } of flattenValidationErrors(invalid)) fail(columnOfField(field), message);
    return { row, dto, target, nameKey: lowerKey(name), matchedById, errors };
  }

  /**
   * The owner a row names: by name in `owner` (ignoring case), or by email in the legacy
   * `ownerEmail` column; undefined when the file has neither column, null for an empty cell.
   * Only active users can be newly assigned, as in the API; the organization's current owner
   * may stay even when deactivated (the file just repeats it), and wins over a namesake, so an
   * export always imports back.
   */
  private resolveOwner(
    cell: (column: CsvColumn) => string | undefined,
    context: ImportContext,
    target: Organization | undefined,
  ): { ownerId: string | null } | { column: CsvColumn; error: string } | undefined {
    const byName = cell('owner')?.trim();
    const byEmail = cell('ownerEmail')?.trim();
    const given = byName ?? byEmail;
    if (given === undefined) return undefined;
    if (given === '') return { ownerId: null };
    const column: CsvColumn = byName !== undefined ? 'owner' : 'ownerEmail';
    const candidates =
      byName !== undefined
        ? (context.usersByName.get(lowerKey(byName)) ?? [])
        : [context.usersByEmail.get(lowerKey(given))].filter((user) => user !== undefined);
    const current = candidates.find((user) => user.id === target?.ownerId);
    if (current) return { ownerId: current.id };
    const active = candidates.filter((user) => user.active);
    if (active.length === 1) return { ownerId: active[0].id };
    if (active.length === 0) return { column, error: 'is not an active user' };
    return {
      column,
      error: `is the name of ${active.length} active users; give them different names, or name the owner by email in an ownerEmail column instead`,
    };
  }
}
