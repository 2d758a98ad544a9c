import { describe, expect, it } from 'vitest';
import type { Organization } from '../api/types';
import { changedPaths } from '../forms/useVersionedEdit';
import {
  createOrganizationBody,
  organizationChanges,
  organizationFormValues,
  validateOrganizationForm,
} from './organization-form';

const ORG: Organization = {
  id: '22222222-2222-4222-8222-222222222222',
  version: 3,
  name: 'Casa Esperanza',
  type: 'Youth shelter',
  website: null,
  email: 'hello@casa.example',
  phone: null,
  address: null,
  mission: 'Safe beds.',
  notes: null,
  stage: 'active',
  ownerId: null,
  audienceIds: ['a1'],
  capabilityIds: [],
  seeksCapabilityIds: [],
  tags: ['drop-in'],
  fit: { audienceReach: 4, missionOverlap: 0, complementaryResources: 0, notes: null },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as unknown as Organization;

describe('organizationChanges', () => {
  it('sends only what changed: trimmed text, blank as null, lists whole, the fit by criterion', () => {
    const base = organizationFormValues(ORG);
    const values = {
      ...base,
      name: '  Casa Esperanza  ',
      mission: '   ',
      address: ' 12 Pike St ',
      tags: ['drop-in', 'shelter'],
      fit: { ...base.fit, missionOverlap: 5, notes: 'Shared goal: GED prep.' },
    };
    expect(organizationChanges(base, values)).toEqual({
      mission: null,
      address: '12 Pike St',
      tags: ['drop-in', 'shelter'],
      fit: { missionOverlap: 5, notes: 'Shared goal: GED prep.' },
    });
    expect(organizationChanges(base, base)).toEqual({});
  });

  it('names the fields a colleague changed, as form paths', () => {
    const base = organizationFormValues(ORG);
    const theirs = organizationFormValues({ ...ORG, phone: '206-555-0101', fit: { ...ORG.fit, audienceReach: 2 } });
    expect(changedPaths(organizationChanges(base, theirs))).toEqual(['phone', 'fit.audienceReach']);
  });
});

describe('createOrganizationBody', () => {
  it('builds a new partner with its owner, stage and fit', () => {
    const values = { ...organizationFormValues(undefined, 'me'), name: ' Next Step ', email: '' };
    expect(createOrganizationBody(values)).toMatchObject({
      name: 'Next Step',
      stage: 'prospect',
      ownerId: 'me',
      email: null,
      fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
    });
  });
});

describe('validateOrganizationForm', () => {
  it('asks for a name and a real-looking email, and a fit from 0 to 5 in whole numbers', () => {
    const values = organizationFormValues();
    expect(validateOrganizationForm({ ...values, name: ' ', email: 'not-an-email' })).toEqual({
      name: 'Enter the partner’s name',
      email: 'Enter an email address like name@example.org',
    });
    expect(
      validateOrganizationForm({ ...values, name: 'X', fit: { ...values.fit, audienceReach: 6, missionOverlap: 2.5 } }),
    ).toEqual({ 'fit.audienceReach': 'Pick a score from 0 to 5', 'fit.missionOverlap': 'Pick a score from 0 to 5' });
  });
});
