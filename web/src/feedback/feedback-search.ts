import type { components } from '../api/schema';
import type { FeedbackListQuery } from '../visits/outreach-data';
import { isUuid } from '../visits/visit-form';

export type Feedback = components['schemas']['FeedbackResponseDto'];
export type CreateFeedback = components['schemas']['CreateFeedbackDto'];
export type FeedbackSource = Feedback['source'];
export type OutcomeKey = keyof Feedback['outcomes'];

export const SOURCES = ['partner', 'youth', 'staff'] as const satisfies readonly FeedbackSource[];
type MissingSource = Exclude<FeedbackSource, (typeof SOURCES)[number]>;
const everySourceListed: MissingSource extends never ? true : MissingSource = true;
void everySourceListed;

export const SOURCE_LABELS: Record<FeedbackSource, string> = {
  partner: 'Partner',
  youth: 'Young person',
  staff: 'Staff',
};

/** The four outcome statements as the public form asks them (API.md), in its order. */
export const OUTCOMES: readonly { key: OutcomeKey; statement: string }[] = [
  { key: 'knowledge', statement: 'I learned something new' },
  { key: 'confidence', statement: 'I feel more confident' },
  { key: 'application', statement: 'I will use what I learned' },
  { key: 'awareness', statement: 'I know more about what the library offers' },
];

/** Which feedback the inbox shows: by default what still needs action (closing the loop). */
export type FeedbackShow = 'needs-action' | 'all' | 'action-taken';

export interface FeedbackSearch {
  show?: Exclude<FeedbackShow, 'needs-action'>;
  source?: FeedbackSource;
  programId?: string;
  organizationId?: string;
  page?: number;
}

export const FEEDBACK_PAGE_SIZE = 20;

export function parseFeedbackSearch(raw: Record<string, unknown>): FeedbackSearch {
  const search: FeedbackSearch = {};
  if (raw.show === 'all' || raw.show === 'action-taken') search.show = raw.show;
  if (SOURCES.includes(raw.source as FeedbackSource)) search.source = raw.source as FeedbackSource;
  if (isUuid(raw.programId)) search.programId = raw.programId;
  if (isUuid(raw.organizationId)) search.organizationId = raw.organizationId;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 10_000) search.page = page;
  return search;
}

export function toFeedbackQuery(search: FeedbackSearch): FeedbackListQuery {
  const show = search.show ?? 'needs-action';
  const query: FeedbackListQuery = { limit: FEEDBACK_PAGE_SIZE, offset: ((search.page ?? 1) - 1) * FEEDBACK_PAGE_SIZE };
  if (show !== 'all') query.needsAction = show === 'needs-action' ? 'true' : 'false';
  if (search.source) query.source = search.source;
  if (search.programId) query.programId = search.programId;
  if (search.organizationId) query.organizationId = search.organizationId;
  return query;
}

/** New filters start again at page 1; cleared ones leave the URL. */
export function withFeedbackFilters(
  previous: Record<string, unknown>,
  changes: Partial<Omit<FeedbackSearch, 'page'>>,
): FeedbackSearch {
  const next: FeedbackSearch = { ...parseFeedbackSearch(previous), ...changes };
  delete next.page;
  for (const key of Object.keys(next) as (keyof FeedbackSearch)[]) if (next[key] === undefined) delete next[key];
  return next;
}
