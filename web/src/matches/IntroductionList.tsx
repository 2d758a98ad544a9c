import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { useAudiences, useCapabilities } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { UndoNotice } from '../common/UndoNotice';
import type { Match } from '../dashboard/types';
import { introductionTitle, strengthText } from './match-format';
import { useDismissMatch, useRestoreMatch } from './matches-queries';
import { UNKNOWN_ORGANIZATION, useOrganizationNames } from './useOrganizationNames';

/**
 * Suggested introductions, strongest first: who to introduce to whom, about what, why, and how
 * strong the case is; staff and up may dismiss one (it stays hidden for everyone), and a notice
 * at the bottom of the screen offers "Undo" (POST /matches/:id/restore). Keep it rendered while
 * the list is empty, or the notice goes with the last suggestion dismissed.
 * `knownNames` (id → name) saves a request per organization the caller already knows.
 */
export function IntroductionList({
  matches,
  knownNames,
  headingLevel = 3,
}: {
  matches: readonly Match[];
  knownNames?: ReadonlyMap<string, string>;
  headingLevel?: 2 | 3;
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
  /**
   * The last dismissal or undoing, said in the notice; `undo` is the suggestion to bring back, with
   * its title as it was shown (the names may be gone from the list once it is dismissed).
   */
  const [notice, setNotice] = useState<{ text: string; undo?: { match: Match; title: string } } | null>(null);
  const dismiss = useDismissMatch({
    onDismissed: (match) => {
      const title = introductionTitle(nameOf(match.providerId), nameOf(match.seekerId));
      setNotice({ text: `Dismissed “${title}”. It will not be suggested again.`, undo: { match, title } });
    },
  });
  const restore = useRestoreMatch({
    onRestored: (title) => setNotice({ text: `“${title}” is back among the suggestions.` }),
    onFailed: (error) =>
      setNotice({
        text:
          error instanceof ApiError && error.status === 404
            ? 'This suggestion no longer applies, so it could not be brought back.'
            : `The dismissal could not be undone: ${errorMessage(error)}`,
      }),
  });
  const nameOf = (id: string) => names.get(id) ?? '…';
  const canDismiss = can(user, 'matching.use');

  return (
    <Stack gap="sm">
      <UndoNotice
        text={notice?.text ?? null}
        onUndo={notice?.undo ? () => notice.undo && restore.mutate(notice.undo) : undefined}
        undoing={restore.isPending}
        closeLabel="Close this notice"
        onDismiss={() => setNotice(null)}
      />
      {matches.length > 0 && (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {matches.map((match) => {
            const provider = nameOf(match.providerId);
            const seeker = nameOf(match.seekerId);
            const title = introductionTitle(provider, seeker);
            const failed = dismiss.isError && dismiss.variables?.id === match.id;
            const capability = capabilityNames.get(match.capabilityId);
            const matchAudiences = match.audienceIds
              .map((id) => audienceNames.get(id))
              .filter((name): name is string => !!name);
            return (
              <Paper component="li" key={match.id} withBorder p="sm" radius="md" data-testid="introduction">
                <Stack gap={6}>
                  <Text component={`h${headingLevel}`} fw={600} size="md" m={0} style={{ overflowWrap: 'anywhere' }}>
                    Introduce <OrganizationLink id={match.providerId} name={provider} /> to{' '}
                    <OrganizationLink id={match.seekerId} name={seeker} />
                  </Text>
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
                  {failed && (
                    <Alert color="red" role="alert" p="xs">
                      {dismiss.error instanceof ApiError && dismiss.error.status === 404
                        ? 'This suggestion no longer exists; the list has been refreshed.'
                        : errorMessage(dismiss.error)}
                    </Alert>
                  )}
                  {canDismiss && (
                    <Group>
                      <Button
                        variant="default"
                        size="compact-sm"
                        loading={dismiss.isPending && dismiss.variables?.id === match.id}
                        onClick={() => dismiss.mutate(match)}
                      >
                        Dismiss
                        <VisuallyHidden> “{title}”</VisuallyHidden>
                      </Button>
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

function OrganizationLink({ id, name }: { id: string; name: string }) {
  if (name === UNKNOWN_ORGANIZATION || name === '…') return <>{name}</>;
  return (
    <AnchorLink to="/organizations/$organizationId" params={{ organizationId: id }} inherit>
      {name}
    </AnchorLink>
  );
}
