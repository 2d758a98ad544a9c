import { DataSource } from 'typeorm';
import { Program } from '../../src/program/program.entity';
import { Visit, VisitPurpose } from '../../src/visit/visit.entity';

export interface VisitLinks {
  staffIds?: string[];
  contactIds?: string[];
}

export function buildVisit(organizationId: string, overrides: Partial<Visit> = {}): Partial<Visit> {
  return {
    organizationId,
    programId: null,
    visitedAt: new Date(),
    location: 'Front desk',
    purpose: VisitPurpose.Relationship,
    invitationsHandedOut: 0,
    peopleReached: 0,
    notes: null,
    ...overrides,
  };
}

/** Saves a visit and its join rows directly (no audit: use the API for that). */
export async function persistVisit(
  dataSource: DataSource,
  organizationId: string,
  overrides: Partial<Visit> = {},
  links: VisitLinks = {},
): Promise<Visit> {
  const repo = dataSource.getRepository(Visit);
  const visit = await repo.save(repo.create(buildVisit(organizationId, overrides)));
  for (const userId of links.staffIds ?? [])
    await dataSource.query('INSERT INTO visit_staff (visit_id, user_id) VALUES ($1, $2)', [visit.id, userId]);
  for (const contactId of links.contactIds ?? [])
    await dataSource.query('INSERT INTO visit_contacts (visit_id, contact_id) VALUES ($1, $2)', [visit.id, contactId]);
  return visit;
}

/** A bare program row (no partners, no sessions), for tests that only need a program id to point at. */
export function persistBareProgram(dataSource: DataSource, overrides: Partial<Program> = {}): Promise<Program> {
  const repo = dataSource.getRepository(Program);
  return repo.save(
    repo.create({
      name: `Program ${Math.random().toString(16).slice(2, 8)}`,
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      timezone: 'America/Los_Angeles',
      startTime: '15:30',
      durationMinutes: 90,
      startDate: '2026-01-07',
      language: 'en',
      ...overrides,
    }),
  );
}
