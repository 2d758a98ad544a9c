import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { foreignKeyViolation } from '../common/database-errors';
import { Page } from '../common/dto/pagination.dto';
import { OrganizationStage } from '../organization/organization-stage';
import {
  excludedPairRows,
  matchAudienceRows,
  matchCapabilityRows,
  MatchOrganizationRow,
  matchOrganizationRows,
} from '../read-side/matching.query';
import { ListMatchesQueryDto } from './dto/match.dto';
import { MatchDismissal } from './match-dismissal.entity';
import { MatchNotFoundError } from './matching.errors';
import { SuggestionRanking } from './matching.ranking';
import { DirectoryOrganization, MatchAudience, MatchCapability, MatchVocabulary, Suggestion } from './matching.rules';

/** Suggested introductions between partners (see matching.rules.ts for the rules). */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MatchDismissal) private readonly dismissals: Repository<MatchDismissal>,
    private readonly audit: AuditService,
  ) {}

  /**
   * One page of the current suggestions, strongest first, and how many there are. Ranking
   * happens here, not in SQL: every suggestion's strength (the rules) is needed to sort and count
   * them; only the page's are built in full (see SuggestionRanking).
   */
  async list(query: ListMatchesQueryDto): Promise<Page<Suggestion>> {
    const ranking = await this.ranking({ withDismissals: true });
    const { data, total } = ranking.page(
      { organizationId: query.organizationId, capabilityId: query.capabilityId },
      query.offset,
      query.limit,
    );
    return { data, meta: { total, limit: query.limit, offset: query.offset } };
  }

  /**
   * Hides a suggestion for good. Dismissing one already dismissed is a no-op; an id that is
   * neither a current suggestion nor a dismissed one is a 404 (the caller has already checked it
   * is a uuid).
   */
  async dismiss(id: string, actor: AuthUser): Promise<void> {
    if (await this.dismissals.existsBy({ id })) return;
    // Dismissed ones included: one dismissed meanwhile by someone else is still a 204, not a 404.
    const suggestion = (await this.ranking({ withDismissals: false })).find(id);
    if (!suggestion) throw new MatchNotFoundError();
    try {
      await this.recordDismissal(id, suggestion, actor);
    } catch (error) {
      // An organization of the pair was deleted in between: the suggestion is gone.
      if (foreignKeyViolation(error)) throw new MatchNotFoundError();
      throw error;
    }
  }

  /**
   * Undoes a dismissal: the suggestion is listed again (if its reasons still hold). Restoring one
   * that is not dismissed is a no-op; an id that is neither dismissed nor a current suggestion is
   * a 404.
   */
  async restore(id: string, actor: AuthUser): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(MatchDismissal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) return false;
      await manager.delete(MatchDismissal, { id });
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'match-dismissal',
        entityId: id,
        action: 'delete',
        changes: auditChanges(row, null, ['providerId', 'seekerId', 'dismissedById']),
      });
      this.logger.log({ matchId: id, actorId: actor.id }, 'match dismissal undone');
      return true;
    });
    if (removed) return;
    // Not dismissed: fine if it is a current suggestion (restored meanwhile by someone else).
    if (!(await this.ranking({ withDismissals: true })).find(id)) throw new MatchNotFoundError();
  }

  private async recordDismissal(id: string, suggestion: Suggestion, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(MatchDismissal)
        .values({ id, providerId: suggestion.providerId, seekerId: suggestion.seekerId, dismissedById: actor.id })
        .orIgnore()
        .returning(['id'])
        .execute();
      // A concurrent dismissal of the same suggestion got there first: nothing more to record.
      if ((inserted.raw as unknown[]).length === 0) return;
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'match-dismissal',
        entityId: id,
        action: 'create',
        changes: auditChanges(null, { ...suggestion }, ['providerId', 'seekerId', 'capabilityId', 'kind', 'strength']),
      });
      this.logger.log(
        { matchId: id, providerId: suggestion.providerId, seekerId: suggestion.seekerId, actorId: actor.id },
        'match dismissed',
      );
    });
  }

  /**
   * Four statements whatever the size of the directory, all at once (read-side/matching.query.ts):
   * the organizations, the two vocabularies, the pairs left out (dismissed ones only when the
   * ranking is to hide them).
   */
  private async ranking({ withDismissals }: { withDismissals: boolean }): Promise<SuggestionRanking> {
    const [rows, audiences, capabilities, excluded] = await Promise.all([
      matchOrganizationRows(this.dataSource),
      matchAudienceRows(this.dataSource),
      matchCapabilityRows(this.dataSource),
      excludedPairRows(this.dataSource, withDismissals),
    ]);
    const organizations = rows.map(toOrganization);
    const vocabulary: MatchVocabulary = {
      audiences: new Map(
        audiences.map((a): [string, MatchAudience] => [
          a.id,
          { id: a.id, name: a.name, priority: a.priority, estimatedPopulation: a.estimated_population },
        ]),
      ),
      capabilities: new Map(
        capabilities.map((c): [string, MatchCapability] => [c.id, { id: c.id, name: c.name, demand: 0 }]),
      ),
    };
    // Demand: how many organizations (not ended) look for each capability.
    for (const organization of organizations) {
      for (const id of new Set(organization.seeksCapabilityIds)) {
        const capability = vocabulary.capabilities.get(id);
        if (capability) capability.demand += 1;
      }
    }
    const pair = (row: { x: string; y: string }): [string, string] => [row.x, row.y];
    return new SuggestionRanking(organizations, vocabulary, {
      partnered: excluded.filter((row) => !row.dismissed).map(pair),
      dismissed: excluded.filter((row) => row.dismissed).map(pair),
    });
  }
}

function toOrganization(row: MatchOrganizationRow): DirectoryOrganization {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage as OrganizationStage,
    fit: Number(row.fit),
    audienceIds: row.audience_ids,
    capabilityIds: row.capability_ids,
    seeksCapabilityIds: row.seeks_capability_ids,
  };
}
