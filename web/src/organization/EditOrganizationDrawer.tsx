import { Alert, Button, Drawer, Group, List, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys, useAudiences, useCapabilities, useColleagues } from '../api/queries';
import type { Organization } from '../api/types';
import { applyProblem } from '../forms/apply-problem';
import {
  changedFields,
  ORGANIZATION_FIELD_LABELS,
  organizationChanges,
  organizationFormValues,
  type OrganizationFormValues,
} from './organization-form';
import { OrganizationFields, useOrganizationForm } from './OrganizationFields';

const NAME_TAKEN = 'ORGANIZATION_NAME_TAKEN';

/** A colleague's saved version, met on a 409: what they changed, shown beside what was typed. */
interface Conflict {
  theirs: Organization;
  fields: string[];
}

function useValueText() {
  const audiences = useAudiences();
  const capabilities = useCapabilities();
  const colleagues = useColleagues();
  const names = new Map<string, string>([
    ...(audiences.data ?? []).map((term) => [term.id, term.name] as const),
    ...(capabilities.data ?? []).map((term) => [term.id, term.name] as const),
    ...(colleagues.data ?? []).map((colleague) => [colleague.id, colleague.name] as const),
  ]);
  return (field: string, values: OrganizationFormValues): string => {
    const value: unknown = field.startsWith('fit.')
      ? values.fit[field.slice(4) as keyof OrganizationFormValues['fit']]
      : values[field as keyof OrganizationFormValues];
    if (Array.isArray(value))
      return value.length ? value.map((item: string) => names.get(item) ?? item).join(', ') : 'none';
    if (field === 'ownerId') return value ? (names.get(value as string) ?? 'a former colleague') : 'nobody';
    if (typeof value === 'number') return `${value} of 5`;
    return typeof value === 'string' && value.trim() ? value : 'blank';
  };
}

/**
 * Edits a partner's profile and fit in a drawer (full screen on a phone). Only what the person
 * changed is sent, with the version they read. When a colleague saved first (409), their version
 * is shown field by field and what was typed stays: "Save mine over theirs" sends it again on
 * their version, "Use theirs" takes their values.
 */
export function EditOrganizationDrawer({
  organization,
  opened,
  onClose,
}: {
  organization: Organization;
  opened: boolean;
  onClose: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title={`Edit ${organization.name}`}
      position="right"
      size={phone ? '100%' : 'xl'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      styles={{ title: { overflowWrap: 'anywhere', fontWeight: 700 } }}
    >
      {/* Mounted while open, so each opening starts from the partner as it is now. */}
      {opened && <EditOrganizationForm organization={organization} onDone={onClose} />}
    </Drawer>
  );
}

function EditOrganizationForm({ organization, onDone }: { organization: Organization; onDone: () => void }) {
  const queryClient = useQueryClient();
  const valueText = useValueText();
  const [base, setBase] = useState(() => ({
    version: organization.version,
    values: organizationFormValues(organization),
  }));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const form = useOrganizationForm(base.values);

  const save = useMutation({
    mutationFn: async (edit: { version: number; base: OrganizationFormValues; values: OrganizationFormValues }) =>
      unwrap(
        await api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id: organization.id } },
          body: { ...organizationChanges(edit.base, edit.values), version: edit.version },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.organization(organization.id), updated);
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      onDone();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409 && error.problem.code !== NAME_TAKEN) {
        const theirs = unwrap(
          await api.GET('/api/v1/organizations/{id}', { params: { path: { id: organization.id } } }),
        );
        queryClient.setQueryData(queryKeys.organization(organization.id), theirs);
        setConflict({ theirs, fields: changedFields(base.values, organizationFormValues(theirs)) });
        setGeneral(null);
        return;
      }
      if (error instanceof ApiError && error.status === 409) {
        form.setFieldError('name', 'Another partner in the directory already has this name.');
        setGeneral(null);
        return;
      }
      setGeneral(applyProblem(form, error, { labels: ORGANIZATION_FIELD_LABELS }));
    },
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    if (Object.keys(organizationChanges(base.values, values)).length === 0) {
      onDone();
      return;
    }
    save.mutate({ version: base.version, base: base.values, values });
  });

  /**
   * Sends what this person changed from the version they started from, on the colleague's
   * version: fields only the colleague changed stay theirs.
   */
  function saveMineOverTheirs(theirs: Organization) {
    const started = base.values;
    setBase({ version: theirs.version, values: organizationFormValues(theirs) });
    setConflict(null);
    save.mutate({ version: theirs.version, base: started, values: form.getValues() });
  }

  function takeTheirs(theirs: Organization) {
    const theirValues = organizationFormValues(theirs);
    setBase({ version: theirs.version, values: theirValues });
    form.setValues(theirValues);
    form.resetDirty(theirValues);
    setConflict(null);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {conflict && (
          <Alert color="yellow" role="alert" title="A colleague saved this partner while you were editing">
            <Stack gap="xs">
              {conflict.fields.length === 0 ? (
                <Text size="sm">Their save changed nothing you see here.</Text>
              ) : (
                <>
                  <Text size="sm">Their version:</Text>
                  <List size="sm" spacing={2}>
                    {conflict.fields.map((field) => (
                      <List.Item key={field} style={{ overflowWrap: 'anywhere' }}>
                        <strong>{ORGANIZATION_FIELD_LABELS[field] ?? field}:</strong>{' '}
                        {valueText(field, organizationFormValues(conflict.theirs))}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
              <Text size="sm">Your changes are still in the form below.</Text>
              <Group gap="xs">
                <Button size="xs" onClick={() => saveMineOverTheirs(conflict.theirs)} loading={save.isPending}>
                  Save mine over theirs
                </Button>
                <Button size="xs" variant="default" onClick={() => takeTheirs(conflict.theirs)}>
                  Use theirs
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {general && (
          <Alert color="red" role="alert" title="Not saved">
            {general}
          </Alert>
        )}
        <OrganizationFields form={form} />
        <Group justify="flex-end" style={{ position: 'sticky', bottom: 0 }} bg="var(--mantine-color-body)" py="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={conflict !== null}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
