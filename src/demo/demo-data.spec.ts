import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateContactDto } from '../contact/dto/contact.dto';
import { CreateOrganizationDto, UpdateOrganizationDto } from '../organization/dto/organization.dto';
import { STAGES } from '../organization/organization-stage';
import { CreateUserDto } from '../user/dto/user.dto';
import { CreateAudienceDto, CreateCapabilityDto } from '../vocabulary/dto/vocabulary.dto';
import {
  COLLEGE_PREP,
  currentStage,
  DEMO_ADMIN,
  DEMO_AUDIENCES,
  DEMO_CAPABILITIES,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  INTERNSHIP_AGENCY,
  SHELTER,
} from './demo-data';

const lower = (values: readonly string[]) => values.map((value) => value.toLowerCase());

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return lower(values).filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

/** The field paths class-validator rejects, as the API's ValidationPipe would. */
function invalidFields(dto: object, plain: object): string[] {
  const instance = plainToInstance(dto as new () => object, plain);
  const flatten = (errors: ReturnType<typeof validateSync>, prefix = ''): string[] =>
    errors.flatMap((error) => [
      ...(error.constraints ? [`${prefix}${error.property}: ${Object.values(error.constraints).join('; ')}`] : []),
      ...flatten(error.children ?? [], `${prefix}${error.property}.`),
    ]);
  return flatten(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }));
}

describe('demo data', () => {
  const audienceNames = new Set(lower(DEMO_AUDIENCES.map((a) => a.name)));
  const capabilityNames = new Set(lower(DEMO_CAPABILITIES.map((c) => c.name)));

  it('tells the story of the seed text: the shelter, the internship agency and the college-prep nonprofit', () => {
    const names = DEMO_ORGANIZATIONS.map((org) => org.name);
    expect(names).toEqual(expect.arrayContaining([SHELTER, INTERNSHIP_AGENCY, COLLEGE_PREP]));
  });

  it('has about a dozen or more organizations, capabilities and a handful of audiences', () => {
    expect(DEMO_ORGANIZATIONS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_CAPABILITIES.length).toBeGreaterThanOrEqual(10);
    expect(DEMO_AUDIENCES.length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['audiences', DEMO_AUDIENCES.map((a) => a.name)],
    ['capabilities', DEMO_CAPABILITIES.map((c) => c.name)],
    ['organizations', DEMO_ORGANIZATIONS.map((o) => o.name)],
    ['user emails', [DEMO_ADMIN, ...DEMO_USERS].map((u) => u.email)],
  ])('has no two %s whose names differ only in case', (_kind, names) => {
    expect(duplicates(names)).toEqual([]);
  });

  it('refers only to audiences and capabilities it defines', () => {
    for (const org of DEMO_ORGANIZATIONS) {
      expect({ org: org.name, unknown: lower(org.audiences).filter((name) => !audienceNames.has(name)) }).toEqual({ org: org.name, unknown: [] });
      const capabilities = lower([...org.offers, ...org.seeks]);
      expect({ org: org.name, unknown: capabilities.filter((name) => !capabilityNames.has(name)) }).toEqual({ org: org.name, unknown: [] });
    }
  });

  it('gives every organization an owner from the demo staff', () => {
    const staff = new Set(lower(DEMO_USERS.map((u) => u.email)));
    expect(DEMO_ORGANIZATIONS.filter((org) => !staff.has(org.owner.toLowerCase())).map((org) => org.name)).toEqual([]);
  });

  it('uses every stage of the lifecycle', () => {
    expect(new Set(DEMO_ORGANIZATIONS.map(currentStage))).toEqual(new Set(STAGES));
  });

  it('has stage histories that really change stage, each change with a reason', () => {
    const withHistory = DEMO_ORGANIZATIONS.filter((org) => org.stages.length > 1);
    expect(withHistory.length).toBeGreaterThanOrEqual(3);
    for (const org of withHistory) {
      org.stages.slice(1).forEach((step, index) => {
        expect(step.stage).not.toBe(org.stages[index].stage);
        expect(step.reason?.length).toBeGreaterThan(0);
      });
    }
  });

  it('scores fit as whole numbers from 0 to 5 with a note', () => {
    for (const { name, fit } of DEMO_ORGANIZATIONS) {
      for (const score of [fit.audienceReach, fit.missionOverlap, fit.complementaryResources]) {
        expect({ name, score, valid: Number.isInteger(score) && score >= 0 && score <= 5 }).toEqual({ name, score, valid: true });
      }
      expect(fit.notes.length).toBeGreaterThan(0);
    }
  });

  it('gives every organization 1–3 contacts, unique by name, exactly one of them primary', () => {
    for (const org of DEMO_ORGANIZATIONS) {
      expect(org.contacts.length).toBeGreaterThanOrEqual(1);
      expect(org.contacts.length).toBeLessThanOrEqual(3);
      expect(duplicates(org.contacts.map((c) => c.name))).toEqual([]);
      expect({ org: org.name, primaries: org.contacts.filter((c) => c.primary).length }).toEqual({ org: org.name, primaries: 1 });
    }
  });

  it('uses only fictional addresses: example.org domains and 555-01xx phone numbers', () => {
    const emails = [
      ...[DEMO_ADMIN, ...DEMO_USERS].map((u) => u.email),
      ...DEMO_ORGANIZATIONS.flatMap((org) => [org.email, ...org.contacts.map((c) => c.email)]).filter((e): e is string => !!e),
    ];
    expect(emails.filter((email) => !/@([a-z0-9-]+\.)*example\.org$/.test(email))).toEqual([]);
    expect(DEMO_ORGANIZATIONS.filter((org) => !/^https:\/\/([a-z0-9-]+\.)+example\.org$/.test(org.website)).map((o) => o.website)).toEqual([]);
    const phones = DEMO_ORGANIZATIONS.flatMap((org) => [org.phone, ...org.contacts.map((c) => c.phone)]).filter((p): p is string => !!p);
    expect(phones.filter((phone) => !/^\d{3}-555-01\d\d$/.test(phone))).toEqual([]);
  });

  // The seed calls the services directly, past the API's ValidationPipe: hold the data to the
  // same DTO rules here.
  describe('passes the API validation', () => {
    it.each(DEMO_AUDIENCES.map((a) => [a.name, a] as const))('audience %s', (_name, audience) => {
      expect(invalidFields(CreateAudienceDto, audience)).toEqual([]);
    });

    it.each(DEMO_CAPABILITIES.map((c) => [c.name, c] as const))('capability %s', (_name, capability) => {
      expect(invalidFields(CreateCapabilityDto, capability)).toEqual([]);
    });

    it.each([DEMO_ADMIN, ...DEMO_USERS].map((u) => [u.email, u] as const))('user %s', (_email, user) => {
      expect(invalidFields(CreateUserDto, user)).toEqual([]);
    });

    it.each(DEMO_ORGANIZATIONS.map((o) => [o.name, o] as const))('organization %s, its stage changes and contacts', (_name, org) => {
      const ids = (names: readonly string[]) => names.map(() => randomUUID());
      const created = {
        name: org.name,
        type: org.type,
        website: org.website,
        email: org.email,
        phone: org.phone,
        address: org.address,
        mission: org.mission,
        notes: org.notes,
        stage: org.stages[0].stage,
        ownerId: randomUUID(),
        audienceIds: ids(org.audiences),
        capabilityIds: ids(org.offers),
        seeksCapabilityIds: ids(org.seeks),
        tags: org.tags,
        fit: org.fit,
      };
      expect(invalidFields(CreateOrganizationDto, created)).toEqual([]);
      // The API lower-cases tags; the data must already be as stored, or a re-run would differ.
      expect(org.tags.filter((tag) => tag !== tag.trim().toLowerCase())).toEqual([]);
      for (const step of org.stages.slice(1)) {
        expect(invalidFields(UpdateOrganizationDto, { version: 1, stage: step.stage, stageReason: step.reason })).toEqual([]);
      }
      for (const { primary, ...contact } of org.contacts) {
        expect(invalidFields(CreateContactDto, { ...contact, isPrimary: primary ?? false, organizationId: randomUUID() })).toEqual([]);
      }
    });
  });
});
