import type { components } from '../api/schema';

export type Closure = components['schemas']['ClosureResponseDto'];
export type CreateClosure = components['schemas']['CreateClosureDto'];

/** A closure day as its form holds it: the day as the date input gives it ("2026-11-26"), the name as typed. */
export interface ClosureFormValues {
  date: string;
  name: string;
}

export const EMPTY_CLOSURE: ClosureFormValues = { date: '', name: '' };

/** Checks made before sending (the server checks again); messages by form field. */
export function validateClosureForm(values: ClosureFormValues): Partial<Record<keyof ClosureFormValues, string>> {
  const errors: Partial<Record<keyof ClosureFormValues, string>> = {};
  if (!values.date) errors.date = 'Choose the day';
  if (!values.name.trim()) errors.name = 'Name the closure, e.g. Thanksgiving';
  return errors;
}

/** The POST body. Call only when validateClosureForm() found nothing. */
export function createClosureBody(values: ClosureFormValues): CreateClosure {
  return { date: values.date, name: values.name.trim() };
}
