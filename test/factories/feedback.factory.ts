import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sha256 } from '../../src/common/crypto';
import { FeedbackLink } from '../../src/feedback/feedback-link.entity';
import { Feedback, FeedbackSource } from '../../src/feedback/feedback.entity';
import { PartnerRole, ProgramPartner } from '../../src/program/program-partner.entity';
import { ProgramSession } from '../../src/program/program-session.entity';
import { Program } from '../../src/program/program.entity';

const tag = () => randomBytes(3).toString('hex');

/**
 * Saves a weekly program directly (no sessions materialized, no audit), with these
 * organizations as partners: enough for feedback, which only reads programs.
 */
export async function persistFeedbackProgram(
  dataSource: DataSource,
  partnerIds: string[] = [],
  overrides: Partial<Program> = {},
): Promise<Program> {
  const repo = dataSource.getRepository(Program);
  const program = await repo.save(
    repo.create({
      name: `Weekly drop-in ${tag()}`,
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      timezone: 'America/Los_Angeles',
      startTime: '15:30',
      durationMinutes: 90,
      startDate: '2026-01-07',
      audienceIds: [],
      language: 'en',
      ...overrides,
    }),
  );
  if (partnerIds.length > 0) {
    await dataSource
      .getRepository(ProgramPartner)
      .insert(partnerIds.map((organizationId) => ({ programId: program.id, organizationId, role: PartnerRole.Host })));
  }
  return program;
}

export function persistFeedbackSession(
  dataSource: DataSource,
  programId: string,
  startsAt = new Date('2026-01-07T23:30:00Z'),
): Promise<ProgramSession> {
  const repo = dataSource.getRepository(ProgramSession);
  return repo.save(
    repo.create({
      programId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      localDate: startsAt.toISOString().slice(0, 10),
    }),
  );
}

/** A link saved with the hash of a fresh token; the token is returned for the public routes. */
export async function persistFeedbackLink(
  dataSource: DataSource,
  programId: string,
  overrides: Partial<FeedbackLink> = {},
): Promise<{ link: FeedbackLink; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const repo = dataSource.getRepository(FeedbackLink);
  const link = await repo.save(repo.create({ programId, tokenHash: sha256(token), ...overrides }));
  return { link, token };
}

export function persistFeedback(dataSource: DataSource, overrides: Partial<Feedback> = {}): Promise<Feedback> {
  const repo = dataSource.getRepository(Feedback);
  return repo.save(repo.create({ source: FeedbackSource.Partner, rating: 4, ...overrides }));
}
