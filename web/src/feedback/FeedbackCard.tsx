import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDate, formatDateTime } from '../common/format';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';
import { EditFeedbackModal } from './EditFeedbackModal';
import { actionTakenToSave, MAX_FEEDBACK_TEXT } from './feedback-form';
import { deleteFeedback, useRefreshFeedbackViews, useSaveActionTaken } from './feedback-queries';
import { OUTCOMES, SOURCE_LABELS, type Feedback } from './feedback-search';
import { LanguageBadge } from '../library/languages';

function Stars({ rating }: { rating: number }) {
  return (
    <Text fw={600}>
      <span aria-hidden="true" style={{ color: 'var(--mantine-color-yellow-9)', letterSpacing: 2 }}>
        {'★'.repeat(rating)}
        <span style={{ color: 'var(--mantine-color-gray-6)' }}>{'☆'.repeat(5 - rating)}</span>
      </span>{' '}
      {rating} of 5
    </Text>
  );
}

/** A question and its answer; `lang`: the language the answer was written in, when known (for screen readers). */
function Answer({ label, text, lang }: { label: string; text: string | null; lang?: string }) {
  if (!text) return null;
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" lang={lang} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </div>
  );
}

/**
 * One piece of feedback: who gave it, the rating and the four outcomes, the answers, and what
 * the team did about it. Staff record or change the action taken here (it carries the version;
 * a 409 reloads and says so), and edit or delete the whole entry; viewers see no such control.
 */
export function FeedbackCard({
  feedback,
  headingOrder,
  organizationName,
  programName,
  onActionRecorded,
  onEdited,
  onDeleted,
}: {
  feedback: Feedback;
  headingOrder: 2 | 3;
  /** Shown as a link to the partner; left out on the partner's own page. */
  organizationName?: string;
  programName?: string;
  onActionRecorded?: (feedback: Feedback) => void;
  onEdited?: (feedback: Feedback) => void;
  onDeleted?: (feedback: Feedback) => void;
}) {
  const user = useCurrentUser();
  const refreshFeedbackViews = useRefreshFeedbackViews();
  const canWrite = can(user, 'outreach.write');
  const [editing, setEditing] = useState(false);
  const [editingAll, setEditingAll] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const answered = OUTCOMES.filter(({ key }) => feedback.outcomes[key] !== null);
  const headingId = `feedback-${feedback.id}-title`;
  const showPartner = !!feedback.organizationId && organizationName !== undefined;

  return (
    <Paper component="article" withBorder p="sm" aria-labelledby={headingId} data-testid="feedback">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={headingOrder} size="h5" id={headingId}>
            {SOURCE_LABELS[feedback.source]} feedback, {formatDate(feedback.createdAt)}
          </Title>
          {feedback.actionTaken ? (
            // The "dot" variant keeps the word in the body colour (green on pale green falls below 4.5:1).
            <Badge color="green" variant="dot" tt="none">
              Action taken
            </Badge>
          ) : (
            <Badge color="red" variant="dot" tt="none">
              Needs action
            </Badge>
          )}
        </Group>
        <Stars rating={feedback.rating} />
        {(showPartner || programName || feedback.viaLink || feedback.language) && (
          <Group gap="md">
            {showPartner && (
              <AnchorLink
                to="/organizations/$organizationId"
                params={{ organizationId: feedback.organizationId! }}
                size="sm"
              >
                {organizationName}
              </AnchorLink>
            )}
            {programName && <Text size="sm">Program: {programName}</Text>}
            {feedback.viaLink && (
              <Text size="sm" c="dimmed">
                Through a feedback link
              </Text>
            )}
            {/* Given in another language than the library's default: the answers are kept as written. */}
            <LanguageBadge language={feedback.language} />
          </Group>
        )}
        {answered.length > 0 && (
          <Stack component="dl" gap={2} m={0} aria-label="Outcomes">
            {answered.map(({ key, statement }) => (
              <Group key={key} gap="xs" wrap="nowrap" justify="space-between">
                <Text component="dt" size="sm">
                  “{statement}”
                </Text>
                <Text component="dd" m={0} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {feedback.outcomes[key]} of 5
                </Text>
              </Group>
            ))}
          </Stack>
        )}
        {(feedback.worked || feedback.didntWork || feedback.suggestions) && (
          <Stack component="dl" gap="xs" m={0}>
            <Answer label="What worked" text={feedback.worked} lang={feedback.language ?? undefined} />
            <Answer label="What didn’t work" text={feedback.didntWork} lang={feedback.language ?? undefined} />
            <Answer label="Suggestions" text={feedback.suggestions} lang={feedback.language ?? undefined} />
          </Stack>
        )}
        {canWrite && (editing || !feedback.actionTaken) ? (
          <ActionTakenForm
            feedback={feedback}
            onDone={(updated) => {
              setEditing(false);
              onActionRecorded?.(updated);
            }}
            onCancel={feedback.actionTaken ? () => setEditing(false) : undefined}
          />
        ) : (
          feedback.actionTaken && (
            <Stack gap={2}>
              <Stack component="dl" gap={2} m={0}>
                <Answer label="Action taken" text={feedback.actionTaken} />
              </Stack>
              {canWrite && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => setEditing(true)}
                  style={{ alignSelf: 'flex-start' }}
                >
                  Change the action taken
                </Button>
              )}
            </Stack>
          )
        )}
        <Group justify="space-between" align="center" gap="xs">
          <Text size="xs" c="dimmed">
            Received {formatDateTime(feedback.createdAt)}
          </Text>
          {canWrite && (
            <Group gap="xs">
              <Button
                variant="light"
                size="compact-sm"
                aria-label={`Edit this ${SOURCE_LABELS[feedback.source].toLowerCase()} feedback`}
                onClick={() => setEditingAll(true)}
              >
                Edit
              </Button>
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                aria-label={`Delete this ${SOURCE_LABELS[feedback.source].toLowerCase()} feedback`}
                onClick={() => setDeleting(true)}
              >
                Delete
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
      {editingAll && <EditFeedbackModal feedback={feedback} onClose={() => setEditingAll(false)} onSaved={onEdited} />}
      {deleting && (
        <ConfirmDeleteModal
          title="Delete this feedback?"
          confirmLabel="Delete feedback"
          remove={() => deleteFeedback(feedback.id)}
          onDeleted={async () => {
            setDeleting(false);
            onDeleted?.(feedback);
            await refreshFeedbackViews([feedback.organizationId]);
          }}
          onClose={() => setDeleting(false)}
        >
          This {SOURCE_LABELS[feedback.source].toLowerCase()} feedback from {formatDate(feedback.createdAt)} (rated{' '}
          {feedback.rating} of 5) goes from the inbox and the reports. This cannot be undone.
        </ConfirmDeleteModal>
      )}
    </Paper>
  );
}

function ActionTakenForm({
  feedback,
  onDone,
  onCancel,
}: {
  feedback: Feedback;
  onDone: (updated: Feedback) => void;
  onCancel?: () => void;
}) {
  const form = useForm({ mode: 'controlled', initialValues: { actionTaken: feedback.actionTaken ?? '' } });
  const text = form.getValues().actionTaken;
  const save = useSaveActionTaken(feedback, { onSaved: onDone });

  const submit = form.onSubmit((values) => {
    // Clearing the text puts the feedback back among what needs action.
    const actionTaken = actionTakenToSave(values.actionTaken, feedback.actionTaken);
    if (actionTaken !== undefined) save.mutate(actionTaken);
  });

  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const fieldError =
    save.error instanceof ApiError && save.error.status === 400
      ? (save.error.fieldError('actionTaken') ?? errorMessage(save.error))
      : undefined;
  return (
    <form onSubmit={submit} aria-label={`Action taken on ${SOURCE_LABELS[feedback.source].toLowerCase()} feedback`}>
      <Stack gap="xs">
        {save.error && !fieldError && (
          <Alert color={conflict ? 'yellow' : 'red'} role="alert">
            {conflict
              ? 'Someone changed this feedback since you loaded it. The list now shows their version; check it and try again.'
              : errorMessage(save.error)}
          </Alert>
        )}
        <Textarea
          label="Action taken"
          description="What the team did about it; the feedback then leaves “Needs action”"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_FEEDBACK_TEXT}
          {...form.getInputProps('actionTaken')}
          // The server's message stays until the next save (the form itself checks nothing).
          error={fieldError}
        />
        <Group gap="xs">
          <Button type="submit" size="sm" loading={save.isPending} disabled={!text.trim() && !feedback.actionTaken}>
            Save action
          </Button>
          {onCancel && (
            <Button variant="default" size="sm" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
