import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { OrganizationNotFoundError } from '../organization/organization.errors';
import { HealthFactsService } from './health-facts.service';
import { computeHealthScore, HealthScore } from './health-score';
import { HealthSettingsService } from './health-settings.service';

/** The health score of one organization, from its facts and the settings in force. */
@Injectable()
export class OrganizationHealthService {
  constructor(
    private readonly facts: HealthFactsService,
    private readonly settings: HealthSettingsService,
    private readonly clock: Clock,
  ) {}

  async healthOf(organizationId: string): Promise<HealthScore> {
    const now = this.clock.now();
    const [facts, { settings }] = await Promise.all([
      this.facts.factsFor([organizationId], now),
      this.settings.current(),
    ]);
    const orgFacts = facts.get(organizationId);
    if (!orgFacts) throw new OrganizationNotFoundError();
    return computeHealthScore(orgFacts, settings, now);
  }
}
