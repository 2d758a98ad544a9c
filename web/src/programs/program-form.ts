import type { PartnerRow } from './PartnersField';
import type { CreateProgram, Program, ProgramStatus, UpdateProgram } from './program-types';
import { buildSchedule, formValuesFor, scheduleChanged, type ScheduleFormValues } from './schedule-pattern';

/** The program form's values, as typed (the schedule as its editor's parts). */
export interface ProgramFormValues {
  name: string;
  description: string;
  status: ProgramStatus;
  /** The language of its feedback form and poster; empty: the library's default (a new program only). */
  language: string;
  partners: PartnerRow[];
  audienceIds: string[];
  libraryGoal: string;
  partnerGoal: string;
  schedule: ScheduleFormValues;
}

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

/** The form filled from a saved program (editing it). */
export function programFormValues(program: Program): ProgramFormValues {
  return {
    name: program.name,
    description: program.description ?? '',
    status: program.status,
    language: program.language,
    partners: program.partners.map((partner) => ({ ...partner })),
    audienceIds: program.audienceIds,
    libraryGoal: program.libraryGoal ?? '',
    partnerGoal: program.partnerGoal ?? '',
    schedule: formValuesFor({ schedule: program.schedule, startDate: program.startDate, endDate: program.endDate }),
  };
}

/**
 * What the form itself refuses before asking the server. The schedule is checked apart, with
 * the server's own rules (schedule-form.ts), as it is typed.
 */
export function validateProgramForm(values: ProgramFormValues): Partial<Record<keyof ProgramFormValues, string>> {
  return values.name.trim() ? {} : { name: 'Enter the program’s name' };
}

/**
 * The body of POST /programs (no `program`) or PATCH /programs/:id. An edit sends the schedule
 * only when it changed: a schedule edit rewrites the future sessions.
 */
export function programBody(values: ProgramFormValues, program?: Program): CreateProgram | UpdateProgram {
  const schedule = buildSchedule(values.schedule);
  const common = {
    name: values.name.trim(),
    description: blankToNull(values.description),
    status: values.status,
    // Left out when empty: the server gives a new program the library's default language.
    language: (values.language || undefined) as CreateProgram['language'],
    partners: values.partners.map(({ organizationId, role }) => ({ organizationId, role })),
    audienceIds: values.audienceIds,
    libraryGoal: blankToNull(values.libraryGoal),
    partnerGoal: blankToNull(values.partnerGoal),
  };
  if (!program) return { ...common, ...schedule };
  const original = { schedule: program.schedule, startDate: program.startDate, endDate: program.endDate };
  return { ...common, version: program.version, ...(scheduleChanged(schedule, original) ? schedule : {}) };
}

/** Whether a server error's field (`schedule.startTime`, `partners.0.role`) is about this form value. */
export function fieldBelongsTo(field: string, key: keyof ProgramFormValues): boolean {
  if (key === 'schedule') return field.startsWith('schedule') || field === 'startDate' || field === 'endDate';
  return field === key || field.startsWith(`${key}.`);
}
