import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { VersionedEditForm } from '../forms/VersionedEditForm';
import { useVersionedEdit } from '../forms/useVersionedEdit';
import { useOrganizationNames, useProgramOptions } from '../visits/outreach-data';
import { FEEDBACK_FIELD_LABELS, FEEDBACK_PROBLEM_OPTIONS, feedbackChanges, feedbackFormValues } from './feedback-form';
import { fetchFeedback, saveFeedbackChanges, useRefreshFeedbackViews } from './feedback-queries';
import { SOURCE_LABELS, type Feedback, type OutcomeKey } from './feedback-search';
import { FeedbackFields, useFeedbackForm } from './FeedbackFields';

/**
 * Edits a piece of feedback: who gave it, the partner and program it is about, the rating and
 * outcomes, the answers and the action taken (see FeedbackFields for feedback given through a
 * link). Only what changed is sent, with the version read; a colleague's save in between is shown,
 * with what was typed kept.
 */
export function EditFeedbackModal({
  feedback,
  onClose,
  onSaved,
}: {
  feedback: Feedback;
  onClose: () => void;
  onSaved?: (feedback: Feedback) => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened
      onClose={onClose}
      title="Edit feedback"
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': 'Close' }}
      styles={{ title: { fontWeight: 700 } }}
    >
      <EditFeedbackForm feedback={feedback} onDone={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function EditFeedbackForm({
  feedback,
  onDone,
  onSaved,
}: {
  feedback: Feedback;
  onDone: () => void;
  onSaved?: (feedback: Feedback) => void;
}) {
  const refreshFeedbackViews = useRefreshFeedbackViews();
  const [initial] = useState(() => feedbackFormValues(feedback));
  const form = useFeedbackForm(initial);
  const edit = useVersionedEdit({
    record: feedback,
    form,
    noun: 'feedback',
    toValues: feedbackFormValues,
    changes: feedbackChanges,
    patch: (body) => saveFeedbackChanges(feedback.id, body),
    load: () => fetchFeedback(feedback.id),
    onSaved: async (saved) => {
      onSaved?.(saved);
      onDone();
      await refreshFeedbackViews([feedback.organizationId, saved.organizationId]);
    },
    onUnchanged: onDone,
    onConflict: () => refreshFeedbackViews(),
    problem: FEEDBACK_PROBLEM_OPTIONS,
  });
  const valueText = useFeedbackValueText(edit.conflict?.theirs);

  return (
    <VersionedEditForm
      edit={edit}
      onSubmit={form.onSubmit(edit.submit)}
      onCancel={onDone}
      noun="feedback"
      labels={FEEDBACK_FIELD_LABELS}
      valueText={valueText}
    >
      <FeedbackFields
        form={form}
        viaLink={feedback.viaLink}
        savedSession={feedback.sessionId ? { id: feedback.sessionId, programId: feedback.programId } : null}
      />
    </VersionedEditForm>
  );
}

/** A field of a colleague's version of the feedback, in words. */
function useFeedbackValueText(theirs: Feedback | undefined) {
  const programs = useProgramOptions();
  const names = useOrganizationNames(theirs?.organizationId ? [theirs.organizationId] : []);
  return (field: string): string => {
    if (!theirs) return '';
    if (field.startsWith('outcomes.')) {
      const score = theirs.outcomes[field.slice('outcomes.'.length) as OutcomeKey];
      return score === null ? 'not answered' : `${score} of 5`;
    }
    switch (field) {
      case 'source':
        return SOURCE_LABELS[theirs.source];
      case 'organizationId':
        return theirs.organizationId ? (names.get(theirs.organizationId) ?? 'a partner') : 'none';
      case 'programId':
        return theirs.programId
          ? (programs.data?.find((program) => program.id === theirs.programId)?.name ?? 'a program')
          : 'none';
      case 'sessionId':
        return theirs.sessionId ? 'one session of the program' : 'no session';
      case 'rating':
        return `${theirs.rating} of 5`;
      case 'worked':
      case 'didntWork':
      case 'suggestions':
      case 'actionTaken':
        return theirs[field]?.trim() || 'blank';
      default:
        return '';
    }
  };
}
