import type { AuthUser } from '../auth/auth-user';
import { Role, roleAtLeast } from '../auth/role.enum';
import { areaResults, overallAverage, statementResults } from './check-in-survey';
import type { CheckInView, RoundResult } from './check-in.service';
import type { Delivery } from '../outbox/delivery.entity';
import { apiDeliveryStatus, DeliveryStatus, SKIP_REASON_TEXT } from '../outbox/delivery-state';
import type { CheckInEmailDto, CheckInResponseDto, RoundResultDto } from './dto/check-in.dto';

/** Respondents' free text is for staff and up; viewers see the numbers only. */
export function canSeeCheckInComments(user: Pick<AuthUser, 'role'>): boolean {
  return roleAtLeast(user.role, Role.Staff);
}

/**
 * The one shape a check-in leaves the API in (list, read, start, close). Averages are computed
 * from the stored answers with the same functions that fill `area_scores`, so what is shown and
 * what the health score reads agree. Who answered is shown by role (owner / partner), never by name.
 */
export function toCheckInResponse(
  { checkIn, responses }: CheckInView,
  user: Pick<AuthUser, 'role'>,
  emails: ReadonlyMap<string, Delivery> = new Map(),
): CheckInResponseDto {
  const answered = responses.filter((response) => response.answeredAt !== null);
  const answers = answered.map((response) => response.answers);
  const areas = areaResults(answers);
  return {
    id: checkIn.id,
    version: checkIn.version,
    organizationId: checkIn.organizationId,
    status: checkIn.status,
    openedAt: checkIn.openedAt.toISOString(),
    closesAt: checkIn.closesAt.toISOString(),
    closedAt: checkIn.closedAt ? checkIn.closedAt.toISOString() : null,
    openedById: checkIn.openedById,
    responseCount: checkIn.responseCount,
    lastResponseAt: checkIn.lastResponseAt ? checkIn.lastResponseAt.toISOString() : null,
    respondents: responses.map((response) => ({
      respondent: response.respondent,
      answered: response.answeredAt !== null,
      answeredAt: response.answeredAt ? response.answeredAt.toISOString() : null,
      email: toCheckInEmail(emails.get(response.id)),
    })),
    areas: areas.map(({ area, label, average, classification, answers: count }) => ({
      area,
      label,
      average,
      classification,
      answers: count,
    })),
    overall: overallAverage(areas),
    statements: statementResults(answers),
    comments: canSeeCheckInComments(user)
      ? answered.flatMap((response) =>
          response.comment ? [{ respondent: response.respondent, comment: response.comment }] : [],
        )
      : null,
  };
}

/** A survey email's state as the API shows it (`sending` reads as `scheduled`), or null. */
function toCheckInEmail(delivery: Delivery | undefined): CheckInEmailDto | null {
  if (!delivery) return null;
  const error =
    delivery.status === DeliveryStatus.Skipped
      ? delivery.skipReason
        ? SKIP_REASON_TEXT[delivery.skipReason]
        : null
      : delivery.status === DeliveryStatus.Sent
        ? null
        : delivery.lastError;
  return {
    status: apiDeliveryStatus(delivery.status),
    sentAt: delivery.sentAt ? delivery.sentAt.toISOString() : null,
    error,
  };
}

/** A round's result as the API shows it. */
export function toRoundResult(result: RoundResult): RoundResultDto {
  return {
    started: result.started.map((entry) => ({ ...entry, notAsked: [...entry.notAsked] })),
    skipped: result.skipped.map((entry) => ({
      ...entry,
      notAsked: [...entry.notAsked],
      firstCheckInFrom: entry.firstCheckInFrom ? entry.firstCheckInFrom.toISOString() : null,
    })),
    notDue: { ...result.notDue },
  };
}
