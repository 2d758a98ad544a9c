import type { Audience, Capability } from '../api/types';
import { parseCount, wholeNumberProblem } from '../forms/count';
import type { TermBody } from './admin-queries';

/** An audience's or a skill's form, as typed; priority, estimate and source only show for audiences. */
export interface TermFormValues {
  name: string;
  description: string;
  priority: string;
  /** As typed ("12,000"); populationProblem says what is wrong with it. */
  estimatedPopulation: string;
  source: string;
}

const isAudience = (term: Audience | Capability): term is Audience => 'priority' in term;

export function termFormValues(term: Audience | Capability | null): TermFormValues {
  return {
    name: term?.name ?? '',
    description: term?.description ?? '',
    priority: term && isAudience(term) ? String(term.priority) : '2',
    estimatedPopulation:
      term && isAudience(term) && term.estimatedPopulation !== null ? String(term.estimatedPopulation) : '',
    source: term && isAudience(term) ? (term.source ?? '') : '',
  };
}

/** The server's limit for an audience's estimated population. */
export const MAX_POPULATION = 100_000_000;

/** What is wrong with the estimate as typed ("-5", "12.5", "lots"), or null when it is blank or a whole number in range. */
export const populationProblem = (text: string) =>
  wholeNumberProblem(text, { min: 0, max: MAX_POPULATION, what: 'An estimate' });

/** What the form can tell before asking the server: a name, and an estimate that is a whole number. */
export function termFormErrors(values: TermFormValues): Partial<Record<keyof TermFormValues, string>> {
  const errors: Partial<Record<keyof TermFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter a name';
  const population = populationProblem(values.estimatedPopulation);
  if (population) errors.estimatedPopulation = population;
  return errors;
}

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

/** The term to send (a skill or resource takes only the name and description); call only when termFormErrors found nothing. */
export function termBody(values: TermFormValues): TermBody {
  return {
    name: values.name.trim(),
    description: blankToNull(values.description),
    priority: Number(values.priority) as 1 | 2 | 3,
    estimatedPopulation: values.estimatedPopulation.trim() === '' ? null : parseCount(values.estimatedPopulation),
    source: blankToNull(values.source),
  };
}
