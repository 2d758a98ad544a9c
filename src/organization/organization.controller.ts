import {
  Body,
  CallHandler,
  Controller,
  Delete,
  ExecutionContext,
  Get,
  Header,
  HttpCode,
  Injectable,
  Param,
  Patch,
  PayloadTooLargeException,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CSV_COLUMNS } from '@tandem/shared';
import type { Observable } from 'rxjs';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { PaginationQueryDto } from '../common/dto/pagination.dto';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CreateNoteDto,
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  NotePageDto,
  NoteResponseDto,
  OrganizationPageDto,
  OrganizationResponseDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { TimelineDto, TimelineQueryDto } from './dto/timeline.dto';
import {
  CsvFileMissingError,
  ExportOrganizationsQueryDto,
  ImportOrganizationsQueryDto,
  ImportResultDto,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  OrganizationCsvService,
} from './organization-csv.service';
import { toNoteResponse, toOrganizationResponse } from './organization.mapper';
import { OrganizationService } from './organization.service';

const OrgId = () => Param('id', new ParseIdPipe('organization'));

/**
 * multer (memory storage) for the one CSV file, its "File too large" (already a 413) worded
 * so people know the limit.
 */
@Injectable()
class CsvUploadInterceptor extends FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new PayloadTooLargeException(
          `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts.`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

const CSV_FORMAT = `Columns (header row, any order, names ignore case): ${CSV_COLUMNS.join(', ')}. \
Audiences, capabilities and the owner are given by name (the file carries no user's email); lists are separated by "; ". \
A cell the export starts with \`'\` because it began with = + - @ tab or carriage return (so spreadsheets do not run it \
as a formula) has that quote removed on import.`;

@ApiTags('directory')
@Controller('organizations')
export class OrganizationController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly csv: OrganizationCsvService,
  ) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Search and filter the partner directory' })
  @ApiOkResponse({ type: OrganizationPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    const page = await this.organizations.list(query);
    return { data: page.data.map(toOrganizationResponse), meta: page.meta };
  }

  @Post()
  @RequirePermission('directory.write')
  @ApiOperation({ summary: 'Add an organization' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateOrganizationDto, @CurrentUser() actor: AuthUser): Promise<OrganizationResponseDto> {
    return toOrganizationResponse(await this.organizations.create(dto, actor));
  }

  // export.csv and import are declared before the :id routes, so "export.csv" is not taken for an id.
  @Get('export.csv')
  @RequirePermission('directory.write')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="organizations.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Download the organizations as CSV',
    description: `Every organization the filters of the list match (no paging), in the list's order. UTF-8 with a byte order mark \
(so Excel reads accents), CRLF line ends. ${CSV_FORMAT} \`version\` is each organization's version: importing the file \
refuses rows for organizations changed since.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file.', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(400)
  exportCsv(@Query() query: ExportOrganizationsQueryDto): Promise<string> {
    return this.csv.exportCsv(query);
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission('directory.write')
  @UseInterceptors(CsvUploadInterceptor)
  @ApiOperation({
    summary: 'Import organizations from CSV (every row or none)',
    description: `Upload the CSV as the multipart field \`file\` (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS} data rows). \
${CSV_FORMAT}

A row with an \`id\` updates that organization; a row without one updates the organization with the same name \
(ignoring case; the row's spelling becomes the name), or else creates one. Only the columns present are changed; an empty cell clears a value, except \
\`stage\` and the fit scores, where it means "prospect"/0 for a new organization and "unchanged" for an existing one. \
\`owner\` is a user's name, ignoring case: an active user, or the organization's current owner; a name two active users share is a row error. \
Files from older exports name the owner by email in an \`ownerEmail\` column, which is still accepted (not together with \`owner\`). \
A row whose \`version\` is not the organization's current version is an error (someone changed it since the export: nothing is imported, as for \
a stale PATCH); a row without a version (no column, or an empty cell) overwrites the current values. Stage changes are kept with the reason "CSV import".

Every row is validated (with the rules of POST/PATCH) before anything is written; errors name the spreadsheet row \
(the header is row 1) and the column. With \`dryRun=true\` the answer is 200 with what would be created and updated \
(counting only rows without errors) and the errors (the first 1000), and nothing is written. Without it, a file with any error answers \
400 \`CSV_IMPORT_INVALID\` listing \`errors: [{row, field, message}]\` and writes nothing; otherwise all rows are written \
in one transaction and the answer is 200 with empty \`errors\`. \`updated\` counts the rows that match an existing \
organization, including those where no value differs (they change nothing and leave no audit event).`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The CSV file (UTF-8).' } },
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 409, 413)
  importCsv(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query() query: ImportOrganizationsQueryDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<ImportResultDto> {
    if (!file) throw new CsvFileMissingError();
    return this.csv.importCsv(file.buffer, { dryRun: query.dryRun ?? false }, actor);
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One organization' })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiProblems(404)
  async get(@OrgId() id: string): Promise<OrganizationResponseDto> {
    return toOrganizationResponse(await this.organizations.get(id));
  }

  @Patch(':id')
  @RequirePermission('directory.write')
  @ApiOperation({
    summary: 'Edit an organization (needs the current version)',
    description:
      'A stale version answers 409 with `currentVersion` and changes nothing. A stage change may carry `stageReason`.',
  })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @OrgId() id: string,
    @Body() dto: UpdateOrganizationDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OrganizationResponseDto> {
    return toOrganizationResponse(await this.organizations.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('directory.delete')
  @ApiOperation({ summary: 'Delete an organization with its contacts, notes and history' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@OrgId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.organizations.remove(id, actor);
  }

  @Get(':id/timeline')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Everything that happened with this partner, newest first' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(400, 404)
  async getTimeline(@OrgId() id: string, @Query() page: TimelineQueryDto): Promise<TimelineDto> {
    const { data, total, nextCursor } = await this.organizations.timeline(id, page.limit, page.offset, page.cursor);
    return { data, meta: { total, limit: page.limit, offset: page.offset, nextCursor } };
  }

  @Get(':id/notes')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Notes on this organization, newest first' })
  @ApiOkResponse({ type: NotePageDto })
  @ApiProblems(400, 404)
  async listNotes(@OrgId() id: string, @Query() page: PaginationQueryDto): Promise<NotePageDto> {
    const result = await this.organizations.listNotes(id, page.limit, page.offset);
    return { data: result.data.map(toNoteResponse), meta: result.meta };
  }

  @Post(':id/notes')
  @RequirePermission('directory.write')
  @ApiOperation({ summary: 'Add a note; it shows on the timeline' })
  @ApiCreatedResponse({ type: NoteResponseDto })
  @ApiProblems(400, 404)
  async addNote(
    @OrgId() id: string,
    @Body() dto: CreateNoteDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<NoteResponseDto> {
    return toNoteResponse(await this.organizations.addNote(id, dto, actor));
  }
}
