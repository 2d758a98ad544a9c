import { describe, expect, it } from 'vitest';
import { fieldBelongsTo, programBody, programFormValues, validateProgramForm } from './program-form';
import type { Program } from './program-types';

const PROGRAM: Program = {
  id: '11111111-1111-4111-8111-111111111111',
  version: 2,
  name: 'Teen drop-in',
  description: null,
  status: 'running',
  language: 'en',
  partners: [
    { organizationId: '55555555-5555-4555-8555-555555555555', organizationName: 'Harbor House', role: 'host' },
  ],
  audienceIds: [],
  libraryGoal: null,
  partnerGoal: null,
  schedule: {
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    timezone: 'America/Chicago',
    startTime: '15:30',
    durationMinutes: 90,
    location: 'Teen room',
  },
  startDate: '2025-09-03',
  endDate: null,
  createdAt: '2025-09-01T00:00:00.000Z',
  updatedAt: '2025-09-01T00:00:00.000Z',
};

describe('the program form', () => {
  it('asks for a name, blanks not counting', () => {
    const values = programFormValues(PROGRAM);
    expect(validateProgramForm(values)).toEqual({});
    expect(validateProgramForm({ ...values, name: '   ' })).toEqual({ name: 'Enter the program’s name' });
  });

  it('sends an edit without its schedule while the schedule is unchanged, trimmed, blanks as null', () => {
    const values = { ...programFormValues(PROGRAM), name: ' Teen drop-in ', libraryGoal: '  ' };
    const body = programBody(values, PROGRAM);
    expect(body).toMatchObject({ name: 'Teen drop-in', libraryGoal: null, version: 2 });
    expect(body).not.toHaveProperty('schedule');
    expect(body).toHaveProperty('partners', [{ organizationId: '55555555-5555-4555-8555-555555555555', role: 'host' }]);
  });

  it('sends the schedule of an edit once it changed, and always for a new program', () => {
    const values = programFormValues(PROGRAM);
    const moved = { ...values, schedule: { ...values.schedule, startTime: '16:00' } };
    expect(programBody(moved, PROGRAM)).toHaveProperty('schedule.startTime', '16:00');
    const created = programBody(values);
    expect(created).toHaveProperty('schedule.rrule', 'FREQ=WEEKLY;BYDAY=WE');
    expect(created).not.toHaveProperty('version');
  });

  it('sends the language it has, and none for a new program left at the library’s default', () => {
    const values = programFormValues(PROGRAM);
    expect(programBody({ ...values, language: 'es' }, PROGRAM)).toHaveProperty('language', 'es');
    expect(programBody(values, PROGRAM)).toHaveProperty('language', 'en');
    expect(JSON.parse(JSON.stringify(programBody({ ...values, language: '' })))).not.toHaveProperty('language');
  });

  it('knows which form value a server field is about', () => {
    expect(fieldBelongsTo('partners.0.role', 'partners')).toBe(true);
    expect(fieldBelongsTo('startDate', 'schedule')).toBe(true);
    expect(fieldBelongsTo('schedule.rrule', 'schedule')).toBe(true);
    expect(fieldBelongsTo('partnerGoal', 'partners')).toBe(false);
  });
});
