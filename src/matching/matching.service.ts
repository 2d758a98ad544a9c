import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { foreignKeyViolation } from '../common/database-errors';
import { Page } from '../common/dto/pagination.dto';
import { OrganizationStage } from '../organization/organization-stage';
import { ListMatchesQueryDto } from './dto/match.dto';
import { MatchDismissal } from './match-dismissal.entity';
import { MatchNotFoundError } from './matching.errors';
import {
  AUDIENCE_MATCH_MAX_PRIORITY,
  candidateFor,
  DirectoryOrganization,
  MatchAudience,
  MatchCandidate,
  MatchCapability,
  MatchVocabulary,
  rankSuggestions,
  Suggestion,
} from './matching.rules';

/**
 * The pairs that may make a suggestion, in one statement: organizations that have not ended,
 * where one offers what the other seeks or both serve a high-priority audience, minus pairs
 * partnered in a running program and (unless asked for) dismissed pairs. Candidate pairs come
 * from equi-joins on the unnested arrays (hash joins), not from comparing every organization
 * with every other; one row per provider keeps the answer small.
 *
 * $1 organization filter, $2 capability filter (uuid or null), $3 the audience-fit priority
 * threshold, $4 whether dismissed pairs are kept.
 */
const PAIRS_SQL = `
  WITH live AS MATERIALIZED (
    SELECT id, audience_ids, capability_ids, seeks_capability_ids FROM organizations WHERE stage <> 'ended'
  ),
  offers AS (SELECT l.id AS org_id, c.id AS capability_id FROM live l CROSS JOIN LATERAL unnest(l.capability_ids) AS c(id)),
  seeks AS (SELECT l.id AS org_id, c.id AS capability_id FROM live l CROSS JOIN LATERAL unnest(l.seeks_capability_ids) AS c(id)),
  serves AS (SELECT l.id AS org_id, a.id AS audience_id FROM live l CROSS JOIN LATERAL unnest(l.audience_ids) AS a(id)),
  pairs AS (
    SELECT o.org_id AS provider_id, s.org_id AS seeker_id
    FROM offers o JOIN seeks s ON s.capability_id = o.capability_id
    WHERE o.org_id <> s.org_id
    UNION
    SELECT x.org_id, y.org_id
    FROM serves x
    JOIN serves y ON y.audience_id = x.audience_id
    JOIN audiences a ON a.id = x.audience_id
    WHERE x.org_id <> y.org_id AND a.priority <= $3
  ),
  partnered AS (
    SELECT DISTINCT a.organization_id AS x, b.organization_id AS y
    FROM programs p
    JOIN program_partners a ON a.program_id = p.id
    JOIN program_partners b ON b.program_id = p.id AND b.organization_id <> a.organization_id
    WHERE p.status = 'running'
  )
  SELECT pr.provider_id, array_agg(pr.seeker_id) AS seeker_ids
  FROM pairs pr
  WHERE NOT EXISTS (SELECT 1 FROM partnered x WHERE x.x = pr.provider_id AND x.y = pr.seeker_id)
    AND ($1::uuid IS NULL OR $1::uuid IN (pr.provider_id, pr.seeker_id))
    AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM live p WHERE p.id = pr.provider_id AND $2::uuid = ANY (p.capability_ids)))
    AND ($4::boolean OR NOT EXISTS (SELECT 1 FROM match_dismissals d WHERE d.provider_id = pr.provider_id AND d.seeker_id = pr.seeker_id))
  GROUP BY pr.provider_id`;

/** The organizations pairs are made of (never an ended one), with what the rules weigh. */
const ORGANIZATIONS_SQL = `
  SELECT id, name, stage, fit_audience_reach + fit_mission_overlap + fit_complementary_resources AS fit,
         audience_ids, capability_ids, seeks_capability_ids
  FROM organizations
  WHERE stage <> 'ended'`;

/** The vocabularies the rules name and weigh, with how many organizations (not ended) seek each capability. */
const AUDIENCES_SQL = `SELECT id, name, priority, estimated_population FROM audiences`;
const CAPABILITIES_SQL = `
  SELECT c.id, c.name, count(o.id)::int AS demand
  FROM capabilities c
  LEFT JOIN organizations o ON o.stage <> 'ended' AND o.seeks_capability_ids @> ARRAY[c.id]
  GROUP BY c.id, c.name`;

interface OrganizationRow {
  id: string;
  name: string;
  stage: OrganizationStage;
  fit: number;
  audience_ids: string[];
  capability_ids: string[];
  seeks_capability_ids: string[];
}

interface Filters {
  organizationId?: string;
  capabilityId?: string;
  includeDismissed?: boolean;
}

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
   * One page of the current suggestions, strongest first. Ranking happens here, not in SQL:
   * every suggestion's strength (the rules) is needed to sort and count them.
   */
  async list(query: ListMatchesQueryDto): Promise<Page<Suggestion>> {
    const ranked = await this.suggestions({ organizationId: query.organizationId, capabilityId: query.capabilityId });
    return { data: ranked.slice(query.offset, query.offset + query.limit), meta: { total: ranked.length, limit: query.limit, offset: query.offset } };
  }

  /**
   * Hides a suggestion for good. Dismissing one already dismissed is a no-op; an id that is
   * neither a current suggestion nor a dismissed one is a 404 (the caller has already checked it
   * is a uuid).
   */
  async dismiss(id: string, actor: AuthUser): Promise<void> {
    if (await this.dismissals.existsBy({ id })) return;
    // Dismissed ones included: one dismissed meanwhile by someone else is still a 204, not a 404.
    const suggestion = (await this.suggestions({ includeDismissed: true })).find((s) => s.id === id);
    if (!suggestion) throw new MatchNotFoundError();
    try {
      await this.recordDismissal(id, suggestion, actor);
    } catch (error) {
      // An organization of the pair was deleted in between: the suggestion is gone.
      if (foreignKeyViolation(error)) throw new MatchNotFoundError();
      throw error;
    }
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
      if (inserted.raw.length === 0) return;
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'match-dismissal',
        entityId: id,
        action: 'create',
        changes: auditChanges(null, { ...suggestion }, ['providerId', 'seekerId', 'capabilityId', 'kind', 'strength']),
      });
      this.logger.log({ matchId: id, providerId: suggestion.providerId, seekerId: suggestion.seekerId, actorId: actor.id }, 'match dismissed');
    });
  }

  /** Four statements whatever the size of the directory: the pairs, their organizations, the two vocabularies. */
  private async suggestions(filters: Filters): Promise<Suggestion[]> {
    const pairs: { provider_id: string; seeker_ids: string[] }[] = await this.dataSource.query(PAIRS_SQL, [
      filters.organizationId ?? null,
      filters.capabilityId ?? null,
      AUDIENCE_MATCH_MAX_PRIORITY,
      filters.includeDismissed ?? false,
    ]);
    if (pairs.length === 0) return [];
    const rows: OrganizationRow[] = await this.dataSource.query(ORGANIZATIONS_SQL);
    const organizations = new Map(rows.map((row) => [row.id, toOrganization(row)]));
    const candidates: MatchCandidate[] = [];
    for (const { provider_id, seeker_ids } of pairs) {
      const provider = organizations.get(provider_id);
      for (const seekerId of seeker_ids) {
        const seeker = organizations.get(seekerId);
        // One that ended or was deleted between the two statements drops out.
        if (provider && seeker) candidates.push(candidateFor(provider, seeker));
      }
    }
    return rankSuggestions(candidates, await this.vocabulary(), { capabilityId: filters.capabilityId });
  }

  private async vocabulary(): Promise<MatchVocabulary> {
    const audiences: { id: string; name: string; priority: number; estimated_population: number | null }[] = await this.dataSource.query(AUDIENCES_SQL);
    const capabilities: MatchCapability[] = await this.dataSource.query(CAPABILITIES_SQL);
    return {
      audiences: new Map(
        audiences.map((a): [string, MatchAudience] => [a.id, { id: a.id, name: a.name, priority: a.priority, estimatedPopulation: a.estimated_population }]),
      ),
      capabilities: new Map(capabilities.map((c) => [c.id, c])),
    };
  }
}

function toOrganization(row: OrganizationRow): DirectoryOrganization {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    fit: Number(row.fit),
    audienceIds: row.audience_ids,
    capabilityIds: row.capability_ids,
    seeksCapabilityIds: row.seeks_capability_ids,
  };
}
