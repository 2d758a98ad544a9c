import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Contact, PreferredChannel } from '../../src/contact/contact.entity';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { Organization } from '../../src/organization/organization.entity';
import { Audience } from '../../src/vocabulary/audience.entity';
import { Capability } from '../../src/vocabulary/capability.entity';

const tag = () => randomBytes(3).toString('hex');

export function persistAudience(dataSource: DataSource, overrides: Partial<Audience> = {}): Promise<Audience> {
  const repo = dataSource.getRepository(Audience);
  return repo.save(
    repo.create({
      name: `Audience ${tag()}`,
      priority: 2,
      estimatedPopulation: 300,
      source: '2025 community analysis',
      ...overrides,
    }),
  );
}

export function persistCapability(dataSource: DataSource, overrides: Partial<Capability> = {}): Promise<Capability> {
  const repo = dataSource.getRepository(Capability);
  return repo.save(repo.create({ name: `Capability ${tag()}`, ...overrides }));
}

export function buildOrganization(overrides: Partial<Organization> = {}): Partial<Organization> {
  return {
    name: `Partner ${tag()}`,
    type: 'Nonprofit',
    mission: 'Supports teens in the neighborhood.',
    stage: OrganizationStage.Prospect,
    audienceIds: [],
    capabilityIds: [],
    seeksCapabilityIds: [],
    tags: [],
    ...overrides,
  };
}

/** Saves an organization directly (no stage history or audit: use the API for those). */
export function persistOrganization(
  dataSource: DataSource,
  overrides: Partial<Organization> = {},
): Promise<Organization> {
  const repo = dataSource.getRepository(Organization);
  return repo.save(repo.create(buildOrganization(overrides)));
}

export function persistContact(
  dataSource: DataSource,
  organizationId: string,
  overrides: Partial<Contact> = {},
): Promise<Contact> {
  const repo = dataSource.getRepository(Contact);
  return repo.save(
    repo.create({
      organizationId,
      name: `Person ${tag()}`,
      title: 'Program coordinator',
      email: `person-${tag()}@partner.example.org`,
      phone: '+1 503 555 0100',
      preferredChannel: PreferredChannel.Email,
      language: 'en',
      ...overrides,
    }),
  );
}
