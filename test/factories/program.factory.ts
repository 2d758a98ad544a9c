import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Closure } from '../../src/closure/closure.entity';
import type { ProgramResponseDto } from '../../src/program/dto/program.dto';
import { PartnerRole, ProgramPartner } from '../../src/program/program-partner.entity';
import { ProgramSession } from '../../src/program/program-session.entity';
import { Program, ProgramStatus } from '../../src/program/program.entity';
import type { TestApp } from '../setup/test-app';

const tag = () => randomBytes(3).toString('hex');

export interface ProgramBody {
  name: string;
  description?: string | null;
  status?: ProgramStatus;
  language?: string;
  partners?: { organizationId: string; role: PartnerRole | string }[];
  audienceIds?: string[];
  libraryGoal?: string | null;
  partnerGoal?: string | null;
  schedule: { rrule: string; timezone: string; startTime: string; durationMinutes: number; location?: string | null };
  startDate: string;
  endDate?: string | null;
}

/** A valid POST /programs body: a weekly Wednesday 15:30 drop-in in Los Angeles. */
export function buildProgramBody(overrides: Partial<ProgramBody> = {}): ProgramBody {
  return {
    name: `Weekly drop-in ${tag()}`,
    description: 'Games, snacks and homework help.',
    status: ProgramStatus.Running,
    partners: [],
    audienceIds: [],
    libraryGoal: 'Teens who have never had a library card get one.',
    partnerGoal: 'Residents have somewhere safe to be after school.',
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      timezone: 'America/Los_Angeles',
      startTime: '15:30',
      durationMinutes: 90,
      location: 'Central Library, Teen Room',
    },
    startDate: '2026-09-02',
    ...overrides,
  };
}

/** Creates a program through the API (so its sessions exist) and returns the response body. */
export async function createProgram(
  t: TestApp,
  auth: Record<string, string>,
  overrides: Partial<ProgramBody> = {},
): Promise<ProgramResponseDto> {
  const response = await request(t.http).post('/api/v1/programs').set(auth).send(buildProgramBody(overrides));
  if (response.status !== 201)
    throw new Error(`program not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Saves a program row directly: no sessions, partners or audit (use createProgram or the
 * service for those). `partners` are saved when given.
 */
export async function persistProgram(
  dataSource: DataSource,
  overrides: Partial<Program> = {},
  partners: { organizationId: string; role?: PartnerRole }[] = [],
): Promise<Program> {
  const repo = dataSource.getRepository(Program);
  const program = await repo.save(
    repo.create({
      name: `Program ${tag()}`,
      status: ProgramStatus.Running,
      audienceIds: [],
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      timezone: 'America/Los_Angeles',
      startTime: '15:30',
      durationMinutes: 90,
      location: 'Central Library',
      startDate: '2026-09-02',
      language: 'en',
      ...overrides,
    }),
  );
  if (partners.length) {
    await dataSource.getRepository(ProgramPartner).insert(
      partners.map((p) => ({
        programId: program.id,
        organizationId: p.organizationId,
        role: p.role ?? PartnerRole.Host,
      })),
    );
  }
  return program;
}

/** Saves one session row directly. */
export function persistSession(
  dataSource: DataSource,
  programId: string,
  overrides: Partial<ProgramSession> = {},
): Promise<ProgramSession> {
  const repo = dataSource.getRepository(ProgramSession);
  const startsAt = overrides.startsAt ?? new Date('2026-09-02T22:30:00Z');
  return repo.save(
    repo.create({
      programId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      localDate: startsAt.toISOString().slice(0, 10),
      ...overrides,
    }),
  );
}

export function persistClosure(dataSource: DataSource, overrides: Partial<Closure> = {}): Promise<Closure> {
  const repo = dataSource.getRepository(Closure);
  return repo.save(repo.create({ date: '2026-11-26', name: 'Thanksgiving', ...overrides }));
}
