import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { escapeLike } from '../common/query';
import type { PreferredChannel } from '../contact/contact.entity';
import { contactSearchCondition, toContactResponse } from '../contact/contact.mapper';
import type { OrganizationStage } from '../organization/organization-stage';
import { ORGANIZATION_SEARCH_EXPRESSION } from '../organization/organization.service';
import type { ProgramStatus } from '../program/program.entity';
import { contactSearchRows, organizationSearchRows, programSearchRows, SearchInput } from '../read-side/search.query';
import { SearchResponseDto } from './dto/search.dto';

/** How many of each kind the search box shows. */
export const SEARCH_LIMIT = 5;

@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Partners, contacts and programs matching `q` (already trimmed, 1–200 characters), up to
   * SEARCH_LIMIT of each, the most relevant first. Contacts are found and shown only by what
   * `user` may see of them.
   */
  async search(q: string, user: Pick<AuthUser, 'role'>): Promise<SearchResponseDto> {
    const input: SearchInput = {
      term: q,
      pattern: escapeLike(q),
      organizationText: ORGANIZATION_SEARCH_EXPRESSION,
      contactCondition: contactSearchCondition('c', user, 'pattern'),
      limit: SEARCH_LIMIT,
    };
    const db = this.dataSource.manager;
    const [organizations, contacts, programs] = await Promise.all([
      organizationSearchRows(db, input),
      contactSearchRows(db, input),
      programSearchRows(db, input),
    ]);
    return {
      organizations: organizations.map((row) => ({ ...row, stage: row.stage as OrganizationStage })),
      contacts: contacts.map((row) => ({
        ...toContactResponse({ ...row, preferredChannel: row.preferredChannel as PreferredChannel }, user),
        organizationName: row.organizationName,
      })),
      programs: programs.map((row) => ({ ...row, status: row.status as ProgramStatus })),
    };
  }
}
