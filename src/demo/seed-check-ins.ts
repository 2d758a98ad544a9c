import type { AuthUser } from '../auth/auth-user';
import { CheckInRespondent } from '../check-in/check-in-response.entity';
import { checkInToken } from '../check-in/check-in-token';
import { CheckInService } from '../check-in/check-in.service';
import { PublicCheckInService } from '../check-in/public-check-in.service';
import { DomainError } from '../common/errors/domain-error';
import { authConfig, AuthConfig } from '../config/configuration';
import { DEMO_CHECK_INS } from './demo-check-ins';
import type { DemoServices, Tally } from './seed-outreach';

const key = (name: string) => name.trim().toLowerCase();

/**
 * The demo's answered check-in round (demo-check-ins.ts), through the app's own services: the
 * check-in is started as the seed's actor without emails (the respondents are fictional, and in
 * a running app a worker would otherwise send them before the answers below are in), then each
 * respondent answers through the same path as the emailed link (the token is derived the same
 * way), so the check-in closes by itself and its concern becomes a follow-up task.
 *
 * Idempotent: an organization that has any check-in already is left alone. One that cannot be
 * asked (someone changed its owner or primary contact) is reported and skipped.
 */
export async function seedCheckIns(ctx: {
  app: DemoServices;
  actor: AuthUser;
  log: (line: string) => void;
  report: (label: string, tally: Tally, extra?: string) => void;
  organizationIds: ReadonlyMap<string, string>;
}): Promise<void> {
  const { app, actor, log } = ctx;
  const checkIns = app.get(CheckInService);
  const surveys = app.get(PublicCheckInService);
  const { secret } = app.get<AuthConfig>(authConfig.KEY);
  const tally: Tally = { created: 0, unchanged: 0 };
  let concerns = 0;
  for (const demo of DEMO_CHECK_INS) {
    const organizationId = ctx.organizationIds.get(key(demo.organization));
    if (!organizationId) continue;
    if ((await checkIns.listForOrganization(organizationId, 1, 0)).meta.total > 0) {
      tally.unchanged += 1;
      continue;
    }
    let started;
    try {
      started = await checkIns.start(organizationId, actor, { email: false });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log(`Check-in for ${demo.organization} not started: ${error.message}`);
      continue;
    }
    for (const response of started.responses) {
      const given = response.respondent === CheckInRespondent.Owner ? demo.owner : demo.partner;
      const survey = await surveys.open(checkInToken(secret, response.id));
      await surveys.answer(survey, given.answers, given.comment);
    }
    const closed = await checkIns.get(started.checkIn.id);
    concerns += closed.checkIn.areaScores
      ? Object.values(closed.checkIn.areaScores).filter((average) => average !== null && average < 3).length
      : 0;
    tally.created += 1;
  }
  ctx.report(
    'Check-ins',
    tally,
    tally.created > 0
      ? ` (answered by both sides; ${concerns} ${concerns === 1 ? 'concern' : 'concerns'} made a follow-up task)`
      : '',
  );
}
