import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Contact } from '../api/types';
import { applyProblem } from '../forms/apply-problem';
import {
  CHANNEL_LABELS,
  CHANNELS,
  contactValidation,
  differingFields,
  EMPTY_CONTACT,
  FIELD_LABELS,
  fieldText,
  LIMITS,
  toCreateBody,
  toFormValues,
  toUpdateBody,
  mergeOnConflict,
  type ContactFormValues,
} from './contact-form';

/** A saved version of the contact: its number and its fields as the form shows them. */
interface Base {
  version: number;
  values: ContactFormValues;
}

/**
 * A save that met a colleague's: their version, and the fields only they changed, which the form
 * took from them (`taken`); or the contact is gone.
 */
type Conflict = { kind: 'changed'; theirs: Contact; taken: (keyof ContactFormValues)[] } | { kind: 'erased' };

const ERASED = 'A colleague erased this contact while you were editing, so there is nothing to save your changes to.';

/**
 * Adds a contact to a partner, or edits one (`contact`). Staff and above only; the caller shows
 * it only to them. An edit carries the version the person started from: when a colleague saved
 * in between (409), their version is fetched and shown beside what the person typed, which stays
 * in the form, to keep theirs or save over it.
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
      <ContactForm
        key={contact ? `${contact.id}:${contact.version}` : 'new'}
        organizationId={organizationId}
        contact={contact}
        onDone={onClose}
      />
    </Modal>
  );
}

function ContactForm({
  organizationId,
  contact,
  onDone,
}: {
  organizationId: string;
  contact?: Contact;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  /** The saved version the form's changes are made on: the one opened, or a colleague's after a conflict. */
  const [base, setBase] = useState<Base>(() => ({
    version: contact?.version ?? 0,
    values: contact ? toFormValues(contact) : EMPTY_CONTACT,
  }));
  const form = useForm<ContactFormValues>({ initialValues: base.values, validate: contactValidation });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [general, setGeneral] = useState<string | null>(null);

  const refreshContacts = () => queryClient.invalidateQueries({ queryKey: queryKeys.allContacts });

  const save = useMutation({
    mutationFn: async ({ values, on }: { values: ContactFormValues; on: Base }) => {
      if (!contact) return unwrap(await api.POST('/api/v1/contacts', { body: toCreateBody(organizationId, values) }));
      const body = toUpdateBody(on.values, values, on.version);
      if (!body) return contact;
      return unwrap(await api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: contact.id } }, body }));
    },
    onSuccess: async () => {
      // A new primary contact also un-marks the previous one: the partner's whole list changes.
      await refreshContacts();
      onDone();
    },
    onError: async (error, { values, on }) => {
      if (contact && error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        try {
          const theirs = error.status === 409 ? await colleaguesVersion(contact.id) : null;
          if (!theirs) {
            setConflict({ kind: 'erased' });
          } else {
            const theirValues = toFormValues(theirs);
            const merged = mergeOnConflict(on.values, values, theirValues);
            form.setValues(merged);
            setBase({ version: theirs.version, values: theirValues });
            setConflict({
              kind: 'changed',
              theirs,
              taken: differingFields(on.values, theirValues).filter((field) => merged[field] === theirValues[field]),
            });
          }
        } catch (reading) {
          setGeneral(errorMessage(reading));
        }
        await refreshContacts();
        return;
      }
      setGeneral(applyProblem(form, error, { labels: { organizationId: 'the partner' } }));
    },
  });

  const submit = (values: ContactFormValues) => {
    setGeneral(null);
    setConflict(null);
    save.mutate({ values, on: base });
  };

  /** The colleague's version, in the form: the person may change it further or close. */
  function keepTheirs(theirs: Contact) {
    form.setValues(toFormValues(theirs));
    setConflict(null);
  }

  /** What the person changed goes on the colleague's version (already the form's base). */
  function saveMineOverTheirs() {
    if (form.validate().hasErrors) return;
    submit(form.getValues());
  }

  const erased = conflict?.kind === 'erased';
  return (
    <form onSubmit={form.onSubmit((values) => submit(values))} noValidate>
      <Stack>
        {general && (
          <Alert color="red" role="alert" title={contact ? 'Your changes were not saved' : 'The contact was not added'}>
            {general}
          </Alert>
        )}
        {conflict?.kind === 'changed' && (
          <ConflictNotice
            theirs={conflict.theirs}
            taken={conflict.taken}
            mine={form.getValues()}
            saving={save.isPending}
            onUseTheirs={() => keepTheirs(conflict.theirs)}
            onSaveMine={saveMineOverTheirs}
          />
        )}
        {erased && (
          <Alert color="red" role="alert" title="This contact is gone">
            {ERASED}
          </Alert>
        )}
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={erased || conflict?.kind === 'changed'}>
            {contact ? 'Save changes' : 'Add contact'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The contact as it is saved now; null once it is gone. */
async function colleaguesVersion(id: string): Promise<Contact | null> {
  try {
    return unwrap(await api.GET('/api/v1/contacts/{id}', { params: { path: { id } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** A colleague's saved version beside what the person typed, with the two ways on. */
function ConflictNotice({
  theirs,
  taken,
  mine,
  saving,
  onUseTheirs,
  onSaveMine,
}: {
  theirs: Contact;
  taken: (keyof ContactFormValues)[];
  mine: ContactFormValues;
  saving: boolean;
  onUseTheirs: () => void;
  onSaveMine: () => void;
}) {
  const theirValues = toFormValues(theirs);
  const fields = differingFields(theirValues, mine);
  return (
    <Alert color="yellow" role="alert" title="A colleague changed this contact while you were editing">
      <Stack gap="xs">
        {fields.length === 0 ? (
          <Text size="sm">Their version already has your changes.</Text>
        ) : (
          <>
            <Text size="sm">Your changes are still in the form. Where they differ from theirs:</Text>
            <Stack component="dl" gap={6} m={0} data-testid="conflict-fields">
              {fields.map((field) => (
                <div key={field}>
                  <Text component="dt" size="sm" fw={700}>
                    {FIELD_LABELS[field]}
                  </Text>
                  <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    Theirs: {fieldText(theirValues, field)}
                  </Text>
                  <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    Yours: {fieldText(mine, field)}
                  </Text>
                </div>
              ))}
            </Stack>
          </>
        )}
        {taken.length > 0 && (
          <Text size="sm">
            Their other changes ({taken.map((field) => FIELD_LABELS[field].toLowerCase()).join(', ')}) are in the form
            now and stay.
          </Text>
        )}
        <Group gap="sm">
          <Button size="xs" onClick={onSaveMine} loading={saving}>
            Save mine over theirs
          </Button>
          <Button size="xs" variant="default" onClick={onUseTheirs} disabled={saving}>
            Use theirs
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
