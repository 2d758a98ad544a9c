import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { useAudiences, useCapabilities } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { UndoNotice } from '../common/UndoNotice';
import type { Match } from '../dashboard/types';
import { applyProblem } from '../forms/apply-problem';
import {
  decidedText,
  introductionNoteError,
  introductionTitle,
  INTRODUCTION_NOTE_MAX,
  strengthText,
  type MatchStatus,
} from './match-format';
import { useDismissMatch, useIntroduceMatch, useRestoreMatch } from './matches-queries';
import { UNKNOWN_ORGANIZATION, useOrganizationNames } from './useOrganizationNames';

/** The last action, said in the notice at the bottom: `undo` is the suggestion to bring back, `taskLink` after an introduction. */
interface Notice {
  text: string;
  undo?: { match: Match; title: string };
  taskLink?: boolean;
}

/**
 * Suggested introductions: who to introduce to whom, about what, why, and how strong the case
 * is. On an open one staff and up may record "We introduced them" (a dialog with an optional
 * note; the server makes a follow-up task for them) or dismiss it (hidden for everyone); on an
 * introduced or dismissed one, "Restore" brings it back to the open list. A notice at the bottom
 * of the screen says what happened and offers "Undo" (POST /matches/:id/restore). Keep it
 * rendered while the list is empty, or the notice goes with the last suggestion acted on.
 * "Start a program with them" opens the new-program form with both partners.
 * `knownNames` (id → name) saves a request per organization the caller already knows.
 */
export function IntroductionList({
  matches,
  knownNames,
  headingLevel = 3,
  status = 'open',
}: {
  matches: readonly Match[];
  knownNames?: ReadonlyMap<string, string>;
  headingLevel?: 2 | 3;
  status?: MatchStatus;
}) {
  const user = useCurrentUser();
  const names = useOrganizationNames(
    matches.flatMap((match) => [match.providerId, match.seekerId]),
    knownNames,
  );
  const capabilities = useCapabilities();
  const audiences = useAudiences();
  const capabilityNames = new Map(capabilities.data?.map((capability) => [capability.id, capability.name]));
  const audienceNames = new Map(audiences.data?.map((audience) => [audience.id, audience.name]));
  const [notice, setNotice] = useState<Notice | null>(null);
  /** The suggestion whose introduction dialog is open, with its title as shown. */
  const [introducing, setIntroducing] = useState<{ match: Match; title: string } | null>(null);
  const nameOf = (id: string) => names.get(id) ?? '…';
  const titleOf = (match: Match) => introductionTitle(nameOf(match.providerId), nameOf(match.seekerId));
  const dismiss = useDismissMatch({
    onDismissed: (match) => {
      const title = titleOf(match);
      setNotice({ text: `Dismissed “${title}”. It will not be suggested again.`, undo: { match, title } });
    },
  });
  const restore = useRestoreMatch({
    onRestored: (title) => setNotice({ text: `“${title}” is back among the open suggestions.` }),
    onFailed: (error) =>
      setNotice({
        text:
          error instanceof ApiError && error.status === 404
            ? 'This suggestion no longer applies, so it could not be brought back.'
            : `It could not be brought back: ${errorMessage(error)}`,
      }),
  });
  const canAct = can(user, 'matching.use');
  const canStartProgram = can(user, 'outreach.write');

  return (
    <Stack gap="sm">
      <UndoNotice
        text={notice?.text ?? null}
        extra={
          notice?.taskLink ? (
            <AnchorLink to="/tasks" size="sm">
              See your follow-ups
            </AnchorLink>
          ) : undefined
        }
        onUndo={notice?.undo ? () => notice.undo && restore.mutate(notice.undo) : undefined}
        undoing={restore.isPending}
        closeLabel="Close this notice"
        onDismiss={() => setNotice(null)}
      />
      {introducing && (
        <IntroduceDialog
          match={introducing.match}
          title={introducing.title}
          onClose={() => setIntroducing(null)}
          onIntroduced={() => {
            const { match, title } = introducing;
            setIntroducing(null);
            setNotice({
              text: `Recorded “${title}”. A follow-up task is on your list, due in 7 days.`,
              undo: { match, title },
              taskLink: true,
            });
          }}
        />
      )}
      {matches.length > 0 && (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {matches.map((match) => {
            const provider = nameOf(match.providerId);
            const seeker = nameOf(match.seekerId);
            const title = introductionTitle(provider, seeker);
            const failed = dismiss.isError && dismiss.variables?.id === match.id;
            const capability = match.capabilityId ? capabilityNames.get(match.capabilityId) : undefined;
            const matchAudiences = match.audienceIds
              .map((id) => audienceNames.get(id))
              .filter((name): name is string => !!name);
            const decided = decidedText(status, match.decidedAt);
            return (
              <Paper component="li" key={match.id} withBorder p="sm" radius="md" data-testid="introduction">
                <Stack gap={6}>
                  <Text component={`h${headingLevel}`} fw={600} size="md" m={0} style={{ overflowWrap: 'anywhere' }}>
                    Introduce <OrganizationLink id={match.providerId} name={provider} /> to{' '}
                    <OrganizationLink id={match.seekerId} name={seeker} />
                  </Text>
                  {decided && (
                    <Text size="sm" c="dimmed">
                      {decided}
                    </Text>
                  )}
                  <Group gap="xs" wrap="nowrap" align="center">
                    <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {strengthText(match.strength)}
                    </Text>
                    <Progress value={match.strength} size="sm" style={{ flex: 1, maxWidth: 160 }} aria-hidden="true" />
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {match.explanation}
                  </Text>
                  {(capability || matchAudiences.length > 0) && (
                    <Group gap={4}>
                      {capability && (
                        <Badge variant="outline" color="gray.8" tt="none" fw={500}>
                          {capability}
                        </Badge>
                      )}
                      {matchAudiences.map((name) => (
                        <Badge key={name} variant="outline" color="cyan.9" tt="none" fw={500}>
                          {name}
                        </Badge>
                      ))}
                    </Group>
                  )}
                  {match.note && (
                    <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                      <Text span fw={600} size="sm">
                        Note:{' '}
                      </Text>
                      {match.note}
                    </Text>
                  )}
                  {failed && (
                    <Alert color="red" role="alert" p="xs">
                      {dismiss.error instanceof ApiError && dismiss.error.status === 404
                        ? 'This suggestion no longer exists; the list has been refreshed.'
                        : dismiss.error instanceof ApiError && dismiss.error.status === 409
                          ? 'A colleague has already introduced them; the list has been refreshed.'
                          : errorMessage(dismiss.error)}
                    </Alert>
                  )}
                  {(canAct || canStartProgram) && (
                    <Group gap="xs">
                      {canAct && status === 'open' && (
                        <>
                          <Button size="compact-sm" onClick={() => setIntroducing({ match, title })}>
                            We introduced them
                            <VisuallyHidden> (“{title}”)</VisuallyHidden>
                          </Button>
                          <Button
                            variant="default"
                            size="compact-sm"
                            loading={dismiss.isPending && dismiss.variables?.id === match.id}
                            onClick={() => dismiss.mutate(match)}
                          >
                            Dismiss
                            <VisuallyHidden> “{title}”</VisuallyHidden>
                          </Button>
                        </>
                      )}
                      {canAct && status !== 'open' && (
                        <Button
                          variant="default"
                          size="compact-sm"
                          loading={restore.isPending && restore.variables?.match.id === match.id}
                          onClick={() => restore.mutate({ match, title })}
                        >
                          Restore
                          <VisuallyHidden> “{title}”</VisuallyHidden>
                        </Button>
                      )}
                      {canStartProgram && (
                        <AnchorLink
                          to="/programs/new"
                          search={{ organizationId: match.providerId, partnerId: match.seekerId }}
                          size="sm"
                        >
                          Start a program with them
                          <VisuallyHidden> ({`${provider} and ${seeker}`})</VisuallyHidden>
                        </AnchorLink>
                      )}
                    </Group>
                  )}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

/** "We introduced them": an optional note, then POST /matches/:id/introduce. */
function IntroduceDialog({
  match,
  title,
  onClose,
  onIntroduced,
}: {
  match: Match;
  title: string;
  onClose: () => void;
  onIntroduced: () => void;
}) {
  const form = useForm<{ note: string }>({
    mode: 'controlled',
    initialValues: { note: '' },
    validate: { note: (note) => introductionNoteError(note) },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const introduce = useIntroduceMatch({
    onIntroduced,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        setFailure('A colleague has already recorded this introduction. The lists have been refreshed.');
      else if (error instanceof ApiError && error.status === 404)
        setFailure('This suggestion no longer applies. The lists have been refreshed.');
      else setFailure(applyProblem(form, error));
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title="Record the introduction"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      styles={{ title: { fontWeight: 700 } }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFailure(null);
          introduce.mutate({ match, note: values.note });
        })}
      >
        <Stack gap="sm">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {title}. A follow-up task goes on your list, due in 7 days, and both partners’ timelines show it.
          </Text>
          <Textarea
            label="Note (optional)"
            description={`How you introduced them, what comes next. Up to ${INTRODUCTION_NOTE_MAX} characters.`}
            autosize
            minRows={3}
            maxRows={8}
            {...form.getInputProps('note')}
          />
          {failure && (
            <Alert color="red" role="alert" p="xs">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={introduce.isPending}>
              Record the introduction
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function OrganizationLink({ id, name }: { id: string; name: string }) {
  if (name === UNKNOWN_ORGANIZATION || name === '…') return <>{name}</>;
  return (
    <AnchorLink to="/organizations/$organizationId" params={{ organizationId: id }} inherit>
      {name}
    </AnchorLink>
  );
}
