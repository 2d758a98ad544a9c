import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { Section } from '../organization/Section';
import { useProgramOptions, type FeedbackListQuery } from '../visits/outreach-data';
import { FeedbackCard } from './FeedbackCard';
import { useFeedbackList } from './feedback-queries';
import { RecordFeedbackModal } from './RecordFeedbackModal';

const SHOWN = 3;

/** The latest feedback recorded for this partner, how much still needs action, and a way to record more. */
export function OrganizationFeedbackSection({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const [recording, setRecording] = useState(false);
  const latestQuery: FeedbackListQuery = { organizationId, limit: SHOWN };
  const needsActionQuery: FeedbackListQuery = { organizationId, needsAction: 'true', limit: 1 };
  const latest = useFeedbackList(latestQuery);
  const needsAction = useFeedbackList(needsActionQuery);
  const programs = useProgramOptions();
  const programNames = new Map(programs.data?.map((program) => [program.id, program.name]));
  const open = needsAction.data?.meta.total ?? 0;
  const total = latest.data?.meta.total ?? 0;

  return (
    <Section
      id="feedback"
      title="Feedback"
      actions={
        can(user, 'outreach.write') && (
          <Button variant="light" size="sm" onClick={() => setRecording(true)}>
            Record feedback
          </Button>
        )
      }
    >
      <Stack gap="sm">
        {latest.isPending && <Loader size="sm" aria-label="Loading feedback" />}
        {latest.isError && (
          <Alert color="red" role="alert">
            {errorMessage(latest.error)}
          </Alert>
        )}
        {latest.data?.data.length === 0 && <Text c="dimmed">No feedback recorded for this partner.</Text>}
        {open > 0 && (
          <AnchorLink to="/feedback-inbox" search={{ organizationId }} fw={600}>
            {open} {open === 1 ? 'needs' : 'need'} action
          </AnchorLink>
        )}
        {latest.data && latest.data.data.length > 0 && (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {latest.data.data.map((item) => (
              <li key={item.id}>
                <FeedbackCard
                  feedback={item}
                  headingOrder={3}
                  programName={item.programId ? programNames.get(item.programId) : undefined}
                />
              </li>
            ))}
          </Stack>
        )}
        {total > 0 && (
          <AnchorLink to="/feedback-inbox" search={{ organizationId, show: 'all' }} size="sm">
            {total > SHOWN
              ? `All ${total} pieces of feedback about this partner`
              : 'Feedback about this partner in the inbox'}
          </AnchorLink>
        )}
      </Stack>
      {recording && <RecordFeedbackModal onClose={() => setRecording(false)} organizationId={organizationId} />}
    </Section>
  );
}
