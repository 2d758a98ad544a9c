/**
 * The Goals screen's address: `?new=1` opens "New goal", with at most one scope to start from
 * (`organizationId`, `programId` or `audienceId`: "Set a goal" on a partner's or program's page).
 * Anything else in a hand-edited link is dropped.
 */
export interface GoalsSearch {
  new?: 1;
  organizationId?: string;
  programId?: string;
  audienceId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid = (value: unknown): string | undefined =>
  typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;

export function parseGoalsSearch(raw: Record<string, unknown>): GoalsSearch {
  if (raw.new !== 1 && raw.new !== '1' && raw.new !== true && raw.new !== 'true') return {};
  for (const field of ['organizationId', 'programId', 'audienceId'] as const) {
    const id = uuid(raw[field]);
    if (id) return { new: 1, [field]: id };
  }
  return { new: 1 };
}
