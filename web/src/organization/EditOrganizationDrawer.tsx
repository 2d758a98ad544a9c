import { Drawer } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys, useAudiences, useCapabilities, useColleagues } from '../api/queries';
import type { Organization } from '../api/types';
import { VersionedEditForm } from '../forms/VersionedEditForm';
import { useVersionedEdit } from '../forms/useVersionedEdit';
import {
  ORGANIZATION_FIELD_LABELS,
  organizationChanges,
  organizationFormValues,
  type OrganizationFormValues,
} from './organization-form';
import { OrganizationFields, useOrganizationForm } from './OrganizationFields';
import { fetchOrganization, patchOrganization, useOrganizationSaved } from './organization-queries';

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
 * Edits a partner's profile and fit in a drawer (full screen on a phone), as every versioned
 * record is edited (useVersionedEdit): only what the person changed is sent, with the version
 * they read; a colleague's save in between is shown field by field and what was typed stays.
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
  const organizationSaved = useOrganizationSaved();
  const valueText = useValueText();
  const [initial] = useState(() => organizationFormValues(organization));
  const form = useOrganizationForm(initial);
  const edit = useVersionedEdit({
    record: organization,
    form,
    noun: 'partner',
    toValues: organizationFormValues,
    changes: organizationChanges,
    patch: (body) => patchOrganization(organization.id, body),
    load: () => fetchOrganization(organization.id),
    onSaved: async (saved) => {
      onDone();
      await organizationSaved(saved);
    },
    onUnchanged: onDone,
    onConflict: (theirs) => {
      queryClient.setQueryData(queryKeys.organization(organization.id), theirs);
    },
    problem: { labels: ORGANIZATION_FIELD_LABELS },
  });
  const theirs = edit.conflict && organizationFormValues(edit.conflict.theirs);

  return (
    <VersionedEditForm
      edit={edit}
      onSubmit={form.onSubmit(edit.submit)}
      onCancel={onDone}
      noun="partner"
      labels={ORGANIZATION_FIELD_LABELS}
      valueText={(field) => (theirs ? valueText(field, theirs) : '')}
    >
      <OrganizationFields form={form} />
    </VersionedEditForm>
  );
}
