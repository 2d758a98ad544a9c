import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { ownerLabel, useColleagues } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { formatDateTime } from '../common/format';
import { VersionedEditForm } from '../forms/VersionedEditForm';
import { useVersionedEdit } from '../forms/useVersionedEdit';
import { useContacts, useOrganizationNames, useProgramOptions } from './outreach-data';
import { PURPOSE_LABELS, VISIT_FIELD_LABELS, visitChanges, visitFormValues, type Visit } from './visit-form';
import { useVisitForm, VISIT_PROBLEM_OPTIONS, VisitFields } from './VisitFields';
import { fetchVisit, saveVisitChanges, useRefreshVisitViews } from './visits-queries';

/**
 * Edits a visit in a dialog (full screen on a phone), on the same fields as "Log a visit". Only
 * what the person changed is sent, with the version they read; a colleague's save in between is
 * shown field by field, with what was typed kept.
 */
export function EditVisitModal({
  visit,
  onClose,
  onSaved,
}: {
  visit: Visit;
  onClose: () => void;
  onSaved?: (visit: Visit) => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened
      onClose={onClose}
      title="Edit visit"
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': 'Close' }}
      styles={{ title: { fontWeight: 700 } }}
    >
      <EditVisitForm visit={visit} onDone={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function EditVisitForm({
  visit,
  onDone,
  onSaved,
}: {
  visit: Visit;
  onDone: () => void;
  onSaved?: (visit: Visit) => void;
}) {
  const user = useCurrentUser();
  const refreshVisitViews = useRefreshVisitViews();
  const [initial] = useState(() => visitFormValues(visit));
  const form = useVisitForm(initial, initial);
  const edit = useVersionedEdit({
    record: visit,
    form,
    noun: 'visit',
    toValues: visitFormValues,
    changes: visitChanges,
    patch: (body) => saveVisitChanges(visit.id, body),
    load: () => fetchVisit(visit.id),
    onSaved: async (saved) => {
      onSaved?.(saved);
      onDone();
      await refreshVisitViews([visit.organizationId, saved.organizationId]);
    },
    onUnchanged: onDone,
    onConflict: () => refreshVisitViews(),
    problem: VISIT_PROBLEM_OPTIONS,
  });
  const valueText = useVisitValueText(edit.conflict?.theirs);

  return (
    <VersionedEditForm
      edit={edit}
      onSubmit={form.onSubmit(edit.submit)}
      onCancel={onDone}
      noun="visit"
      labels={VISIT_FIELD_LABELS}
      valueText={valueText}
      label="Visit"
    >
      <VisitFields form={form} userId={user.id} mode="edit" base={initial} />
    </VersionedEditForm>
  );
}

/** A field of a colleague's version of the visit, in words. */
function useVisitValueText(theirs: Visit | undefined) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const programs = useProgramOptions();
  const names = useOrganizationNames(theirs ? [theirs.organizationId] : []);
  const contacts = useContacts(theirs?.organizationId);
  return (field: string): string => {
    if (!theirs) return '';
    const list = (items: string[]) => (items.length ? items.join(', ') : 'nobody');
    switch (field) {
      case 'organizationId':
        return names.get(theirs.organizationId) ?? 'another partner';
      case 'purpose':
        return PURPOSE_LABELS[theirs.purpose];
      case 'visitedAt':
        return formatDateTime(theirs.visitedAt);
      case 'programId':
        return theirs.programId
          ? (programs.data?.find((program) => program.id === theirs.programId)?.name ?? 'a program')
          : 'none';
      case 'staffIds':
        return list(theirs.staffIds.map((id) => ownerLabel(id, user, colleagues.data)));
      case 'contactIds':
        return list(
          theirs.contactIds.map((id) => contacts.data?.find((contact) => contact.id === id)?.name ?? 'a contact'),
        );
      case 'invitationsHandedOut':
      case 'peopleReached':
        return theirs[field].toLocaleString('en');
      case 'location':
      case 'notes':
        return theirs[field]?.trim() || 'blank';
      default:
        return '';
    }
  };
}
