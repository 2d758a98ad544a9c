import { describe, expect, it } from 'vitest';
import type { Contact } from '../api/types';
import { mergeOnConflict } from '../forms/useVersionedEdit';
import { contactChanges, contactValidation, EMPTY_CONTACT, toCreateBody, toFormValues } from './contact-form';

const DANA: Contact = {
  id: '55555555-5555-4555-8555-555555555555',
  version: 3,
  organizationId: '22222222-2222-4222-8222-222222222222',
  name: 'Dana Whitfield',
  title: null,
  email: 'dana@harbor.example.org',
  phone: null,
  preferredChannel: 'text',
  language: 'en',
  isPrimary: true,
  notes: 'Mornings only',
};

describe('contactValidation', () => {
  it('wants a name that is more than spaces', () => {
    expect(contactValidation.name('  ')).toBe('Enter the person’s name');
    expect(contactValidation.name(' Dana ')).toBeNull();
  });

  it('lets an empty email through and catches an obviously mistyped one', () => {
    expect(contactValidation.email('')).toBeNull();
    expect(contactValidation.email(' dana@harbor.example.org ')).toBeNull();
    for (const typo of ['dana', 'dana@', 'dana@harbor', 'dana@harbor.', 'dana harbor@example.org', '@example.org'])
      expect(contactValidation.email(typo)).toBe('Enter an email address like name@example.org');
  });
});

describe('bodies', () => {
  it('shows a contact’s nulls as empty fields', () => {
    expect(toFormValues(DANA)).toEqual({
      name: 'Dana Whitfield',
      title: '',
      email: 'dana@harbor.example.org',
      phone: '',
      preferredChannel: 'text',
      language: 'en',
      isPrimary: true,
      notes: 'Mornings only',
    });
  });

  it('sends a changed language, and only then', () => {
    const base = toFormValues(DANA);
    expect(contactChanges(base, { ...base, language: 'es' })).toEqual({ language: 'es' });
    expect(contactChanges(base, { ...base })).toEqual({});
  });

  it('sends only what was changed, trimmed, emptied fields as null', () => {
    const base = toFormValues(DANA);
    expect(
      contactChanges(base, { ...base, name: ' Dana Whitfield ', email: ' ', notes: ' Afternoons ', isPrimary: false }),
    ).toEqual({ email: null, isPrimary: false, notes: 'Afternoons' });
  });

  it('sends nothing when nothing was changed (spaces at the ends do not count)', () => {
    const base = toFormValues(DANA);
    expect(contactChanges(base, { ...base, name: 'Dana Whitfield  ', title: '   ' })).toEqual({});
  });

  it('adds a contact to the partner the form was opened on, with the API’s default channel', () => {
    expect(toCreateBody(DANA.organizationId, { ...EMPTY_CONTACT, name: ' Luis ' })).toEqual({
      organizationId: DANA.organizationId,
      name: 'Luis',
      title: null,
      email: null,
      phone: null,
      preferredChannel: 'email',
      isPrimary: false,
      notes: null,
    });
  });

  it('leaves the language out of a new contact unless one was picked (the server gives the library’s default)', () => {
    expect('language' in JSON.parse(JSON.stringify(toCreateBody(DANA.organizationId, EMPTY_CONTACT)))).toBe(false);
    expect(toCreateBody(DANA.organizationId, { ...EMPTY_CONTACT, name: 'Lucía', language: 'es' })).toMatchObject({
      language: 'es',
    });
  });
});

describe('after a colleague’s save (mergeOnConflict with contactChanges)', () => {
  it('keeps what the person changed and takes the colleague’s value everywhere else; spaces at the ends are no change', () => {
    const started = toFormValues(DANA);
    const mine = { ...started, title: 'Program lead', notes: 'Mornings only ' };
    const theirs = { ...started, title: 'Outreach director', phone: '503 555 0000', notes: 'Call first' };
    expect(mergeOnConflict(contactChanges, started, mine, theirs)).toEqual({
      ...started,
      title: 'Program lead',
      phone: '503 555 0000',
      notes: 'Call first',
    });
  });
});
