import { DataSource } from 'typeorm';
import { CheckInRespondent, CheckInResponse } from '../../src/check-in/check-in-response.entity';
import { CheckInAnswers } from '../../src/check-in/check-in-survey';
import { checkInToken } from '../../src/check-in/check-in-token';
import { Contact } from '../../src/contact/contact.entity';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { Organization } from '../../src/organization/organization.entity';
import { User } from '../../src/user/user.entity';
import { TEST_AUTH_SECRET } from '../setup/test-env';
import { persistContact, persistOrganization } from './directory.factory';

/**
 * The library owner's answers: strong on environment, membership and purpose, borderline on
 * process and structure, weak on communication and resources; resources.coordination skipped.
 */
export const OWNER_ANSWERS: CheckInAnswers = {
  'environment.backing': 4,
  'environment.fit': 5,
  'membership.trust': 5,
  'membership.worthwhile': 4,
  'processAndStructure.roles': 3,
  'processAndStructure.adapting': 3,
  'communication.heard': 2,
  'communication.informed': 3,
  'purpose.shared': 5,
  'purpose.progress': 4,
  'resources.capacity': 2,
};
/** The partner's answers (all twelve). */
export const PARTNER_ANSWERS: CheckInAnswers = {
  'environment.backing': 4,
  'environment.fit': 4,
  'membership.trust': 4,
  'membership.worthwhile': 5,
  'processAndStructure.roles': 4,
  'processAndStructure.adapting': 2,
  'communication.heard': 2,
  'communication.informed': 3,
  'purpose.shared': 5,
  'purpose.progress': 5,
  'resources.capacity': 3,
  'resources.coordination': 2,
};
/**
 * Both together, by hand (every answer counts once): environment (4+5+4+4)/4 = 4.25 → 4.3,
 * membership 18/4 = 4.5, process and structure 12/4 = 3.0, communication 10/4 = 2.5,
 * purpose 19/4 = 4.75 → 4.8, resources (2+3+2)/3 = 2.33 → 2.3; overall 21.4/6 = 3.57 → 3.6.
 */
export const BOTH_AREAS = [
  { area: 'environment', average: 4.3, classification: 'strength' },
  { area: 'membership', average: 4.5, classification: 'strength' },
  { area: 'processAndStructure', average: 3, classification: 'borderline' },
  { area: 'communication', average: 2.5, classification: 'concern' },
  { area: 'purpose', average: 4.8, classification: 'strength' },
  { area: 'resources', average: 2.3, classification: 'concern' },
];

export interface Partner {
  organization: Organization;
  contact: Contact | null;
}

/**
 * An organization (active unless said) owned by `owner`, with a primary contact unless `contact`
 * is null. It was added in its stage `sinceDaysAgo` days before the database's now (default a
 * year: long enough for any round to ask it), as its stage history says.
 */
export async function persistPartner(
  dataSource: DataSource,
  owner: User | null,
  options: { stage?: OrganizationStage; name?: string; contact?: Partial<Contact> | null; sinceDaysAgo?: number } = {},
): Promise<Partner> {
  const organization = await persistOrganization(dataSource, {
    stage: options.stage ?? OrganizationStage.Active,
    ownerId: owner?.id ?? null,
    ...(options.name && { name: options.name }),
  });
  await dataSource.query(
    `INSERT INTO organization_stage_changes (organization_id, from_stage, to_stage, changed_at)
     VALUES ($1, NULL, $2, now() - make_interval(days => $3))`,
    [organization.id, organization.stage, options.sinceDaysAgo ?? 365],
  );
  const contact =
    options.contact === null
      ? null
      : await persistContact(dataSource, organization.id, { isPrimary: true, ...options.contact });
  return { organization, contact };
}

/** The link tokens of a check-in's respondents, as the emails carry them. */
export async function checkInTokens(
  dataSource: DataSource,
  checkInId: string,
): Promise<Partial<Record<CheckInRespondent, string>>> {
  const responses = await dataSource.getRepository(CheckInResponse).findBy({ checkInId });
  return Object.fromEntries(
    responses.map((response) => [response.respondent, checkInToken(TEST_AUTH_SECRET, response.id)]),
  );
}
