import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Contact } from '../api/types';
import { applyProblem } from '../forms/apply-problem';
import { useVersionedEdit } from '../forms/useVersionedEdit';
import { VersionedEditForm } from '../forms/VersionedEditForm';
import { LanguageSelect } from '../library/languages';
import {
  CHANNEL_LABELS,
  CHANNELS,
  contactChanges,
  contactValidation,
  EMPTY_CONTACT,
  FIELD_LABELS,
  fieldText,
  LIMITS,
  toCreateBody,
  toFormValues,
  type ContactFormValues,
} from './contact-form';
import { createContact, fetchContact, patchContact, useContactsChanged } from './contacts-queries';

/**
 * Adds a contact to a partner, or edits one (`contact`). Staff and above only; the caller shows
 * it only to them. An edit is a versioned edit (useVersionedEdit): only what the person changed
 * is sent, with the version they started from, and a colleague's save in between (409) is shown
 * with what the person typed kept in the form, to save over theirs or take theirs.
 */
export function ContactFormModal({
  organizationId,
  contact,
  opened,
  onClose,
}: {
  organizationId: string;
  /** The contact to edit; none to add one. */
  contact?: Contact;
  opened: boolean;
  onClose: () => void;
}) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.name}` : 'Add a contact'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      fullScreen={phone}
      centered
    >
      {/* The dialog's content unmounts once it has closed, so each opening starts a fresh form. */}
      {contact ? (
        <EditContactForm key={`${contact.id}:${contact.version}`} contact={contact} onDone={onClose} />
      ) : (
        <AddContactForm organizationId={organizationId} onDone={onClose} />
      )}
    </Modal>
  );
}

function AddContactForm({ organizationId, onDone }: { organizationId: string; onDone: () => void }) {
  const contactsChanged = useContactsChanged();
  const form = useContactForm(EMPTY_CONTACT);
  const [general, setGeneral] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (values: ContactFormValues) => createContact(toCreateBody(organizationId, values)),
    onSuccess: async () => {
      await contactsChanged();
      onDone();
    },
    onError: (error) => setGeneral(applyProblem(form, error, PROBLEM_OPTIONS)),
  });

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        setGeneral(null);
        add.mutate(values);
      })}
      noValidate
    >
      <Stack>
        {general && (
          <Alert color="red" role="alert" title="The contact was not added">
            {general}
          </Alert>
        )}
        <ContactFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditContactForm({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const contactsChanged = useContactsChanged();
  const form = useContactForm(toFormValues(contact));
  const edit = useVersionedEdit({
    record: contact,
    form,
    noun: 'contact',
    goneMessage: 'A colleague erased this contact while you were editing, so there is nothing to save your changes to.',
    toValues: toFormValues,
    changes: contactChanges,
    patch: (body) => patchContact(contact.id, body),
    load: () => fetchContact(contact.id),
    onSaved: async () => {
      onDone();
      await contactsChanged();
    },
    onUnchanged: onDone,
    onConflict: contactsChanged,
    problem: PROBLEM_OPTIONS,
  });
  const theirs = edit.conflict && toFormValues(edit.conflict.theirs);

  return (
    <VersionedEditForm
      edit={edit}
      onSubmit={form.onSubmit(edit.submit)}
      onCancel={onDone}
      noun="contact"
      labels={FIELD_LABELS}
      valueText={(field) => (theirs ? fieldText(theirs, field as keyof ContactFormValues) : '')}
    >
      <ContactFields form={form} />
    </VersionedEditForm>
  );
}

const PROBLEM_OPTIONS = { labels: { organizationId: 'the partner' } };

function useContactForm(initialValues: ContactFormValues) {
  return useForm<ContactFormValues>({ mode: 'controlled', initialValues, validate: contactValidation });
}

function ContactFields({ form }: { form: ReturnType<typeof useContactForm> }) {
  return (
    <>
      <TextInput
        label="Name"
        required
        data-autofocus
        maxLength={LIMITS.name}
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Title"
          placeholder="e.g. Case manager"
          maxLength={LIMITS.title}
          autoComplete="off"
          {...form.getInputProps('title')}
        />
        <Select
          label="Prefers to hear from us by"
          data={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
          allowDeselect={false}
          {...form.getInputProps('preferredChannel')}
        />
        <TextInput
          label="Email"
          type="email"
          maxLength={LIMITS.email}
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <TextInput
          label="Phone"
          type="tel"
          maxLength={LIMITS.phone}
          autoComplete="off"
          {...form.getInputProps('phone')}
        />
        <LanguageSelect
          label="Language"
          description="Reminders and check-ins are emailed in it"
          value={form.values.language}
          onChange={(language) => form.setFieldValue('language', language)}
          error={form.errors.language}
        />
      </SimpleGrid>
      <Checkbox
        label="Primary contact"
        description="The main person at this partner (check-ins go to them). Marking someone else as primary unmarks the previous one."
        {...form.getInputProps('isPrimary', { type: 'checkbox' })}
      />
      <Textarea
        label="Notes"
        description="Hidden from colleagues with view-only access, like the email and phone"
        autosize
        minRows={2}
        maxRows={8}
        maxLength={LIMITS.notes}
        {...form.getInputProps('notes')}
      />
    </>
  );
}
