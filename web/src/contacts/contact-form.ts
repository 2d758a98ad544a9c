import type { components } from '../api/schema';
import type { Contact } from '../api/types';
import { languageName } from '../library/languages';

export type CreateContact = components['schemas']['CreateContactDto'];
export type UpdateContact = components['schemas']['UpdateContactDto'];
export type PreferredChannel = Contact['preferredChannel'];

/** The channels in the order the form offers them; the type check fails if the API gains one this list lacks. */
export const CHANNELS = ['email', 'phone', 'text', 'in-person'] as const satisfies readonly PreferredChannel[];
type MissingChannel = Exclude<PreferredChannel, (typeof CHANNELS)[number]>;
const everyChannelListed: MissingChannel extends never ? true : MissingChannel = true;
void everyChannelListed;

/** As a choice in the form. */
export const CHANNEL_LABELS: Record<PreferredChannel, string> = {
  email: 'Email',
  phone: 'Phone call',
  text: 'Text message',
  'in-person': 'In person',
};

/** In a sentence: "Prefers a text message". */
export const CHANNEL_WORDS: Record<PreferredChannel, string> = {
  email: 'email',
  phone: 'phone',
  text: 'text message',
  'in-person': 'in person',
};

/** The API's limits (src/contact/dto/contact.dto.ts), so the form stops typing where the server would refuse. */
export const LIMITS = { name: 120, title: 120, email: 254, phone: 40, notes: 5000 } as const;

/** What the form edits: every field a contact can be given (the partner is fixed by where the form opens). */
export interface ContactFormValues {
  name: string;
  title: string;
  email: string;
  phone: string;
  preferredChannel: PreferredChannel;
  /** The language emails to them are written in; empty: the library's default (a new contact only). */
  language: string;
  isPrimary: boolean;
  notes: string;
}

export const EMPTY_CONTACT: ContactFormValues = {
  name: '',
  title: '',
  email: '',
  phone: '',
  preferredChannel: 'email',
  language: '',
  isPrimary: false,
  notes: '',
};

/** What a person types in place of "name@example.org": enough to catch a slip before sending; the server has the last word. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** The checks made before anything is sent (the @mantine/form `validate` rules). */
export const contactValidation = {
  name: (value: string) => (value.trim() ? null : 'Enter the person’s name'),
  email: (value: string) =>
    !value.trim() || LOOKS_LIKE_EMAIL.test(value.trim()) ? null : 'Enter an email address like name@example.org',
};

/** A contact as the form shows it (nulls as empty fields). */
export function toFormValues(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    title: contact.title ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    preferredChannel: contact.preferredChannel,
    language: contact.language,
    isPrimary: contact.isPrimary,
    notes: contact.notes ?? '',
  };
}

const blankToNull = (value: string) => value.trim() || null;

/** Every field the form holds, trimmed, empty ones cleared (null), as both POST and PATCH take them. */
function fields(values: ContactFormValues) {
  return {
    name: values.name.trim(),
    title: blankToNull(values.title),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    preferredChannel: values.preferredChannel,
    // Left out when empty: the server gives a new contact the library's default language.
    language: (values.language || undefined) as CreateContact['language'],
    isPrimary: values.isPrimary,
    notes: blankToNull(values.notes),
  };
}

export function toCreateBody(organizationId: string, values: ContactFormValues): CreateContact {
  return { organizationId, ...fields(values) };
}

type Field = keyof ContactFormValues;
const FIELDS = Object.keys(EMPTY_CONTACT) as Field[];

/** Whether a field would be saved the same way from both (spaces at the ends do not count). */
const same = (a: ContactFormValues, b: ContactFormValues, field: Field) => fields(a)[field] === fields(b)[field];

/**
 * What the person changed from the version they started from (`base`), without the version;
 * empty when they changed nothing. Only changed fields are sent, so a colleague's change to
 * another field is never overwritten with what the form happened to show.
 */
export function contactChanges(base: ContactFormValues, values: ContactFormValues): Omit<UpdateContact, 'version'> {
  const all = fields(values);
  return Object.fromEntries(FIELDS.filter((field) => !same(base, values, field)).map((field) => [field, all[field]]));
}

export const FIELD_LABELS: Record<keyof ContactFormValues, string> = {
  name: 'Name',
  title: 'Title',
  email: 'Email',
  phone: 'Phone',
  preferredChannel: 'Prefers',
  language: 'Language',
  isPrimary: 'Primary contact',
  notes: 'Notes',
};

/** A field's value in words, for comparing two versions ("Yes", "Text message", "(empty)"). */
export function fieldText(values: ContactFormValues, field: keyof ContactFormValues): string {
  const value = values[field];
  if (field === 'preferredChannel') return CHANNEL_LABELS[value as PreferredChannel];
  if (field === 'language') return value ? languageName(value as string) : 'The library’s default';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return value.trim() || '(empty)';
}
