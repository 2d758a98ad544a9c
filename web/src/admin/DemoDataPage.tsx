import { Accordion, Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ApiError, errorMessage } from '../api/problem';
import type { components } from '../api/schema';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { useDemoDataStatus, useLoadDemoData } from './admin-queries';

type DemoResult = components['schemas']['DemoDataResultDto'];

/** "15 organizations, 4 staff …": what a load created (or found), per kind, in words. */
export function kindsSentence(result: DemoResult): string {
  const field = result.created > 0 ? 'created' : 'unchanged';
  const parts = result.kinds.filter((kind) => kind[field] > 0).map((kind) => `${kind[field]} ${kind.label}`);
  return parts.join(', ');
}

/**
 * Loads the fictional demo data set (as `npm run seed:demo` does, which cannot run beside
 * `npm start` on the embedded database). While it runs, its progress is polled and read out.
 */
export function DemoDataPage() {
  const [confirming, confirm] = useDisclosure(false);
  const load = useLoadDemoData();
  // The progress of the load running now (this page's, or one another admin started).
  const status = useDemoDataStatus(load.isPending);

  const running = load.isPending || status.data?.status === 'running';
  const progress = load.data?.progress ?? status.data?.progress ?? [];
  const busyElsewhere = load.error instanceof ApiError && load.error.status === 409;
  const result = load.data;

  return (
    <Stack gap="md" maw={760}>
      <PageTitle>Demo data</PageTitle>
      <Text>
        Try Tandem with a made-up but believable partner directory: a youth shelter, a city agency offering paid
        internships, a college-prep nonprofit and a dozen other partners at every stage, with contacts, four library
        staff, programs with months of sessions and attendance, visits, feedback, follow-up tasks, reminders and an
        answered check-in. Dates count from today.
      </Text>
      <Text>
        Everything is fictional (addresses at example.org, phone numbers 555-01xx). It only adds what is missing, never
        changes what is there, and loading it again adds nothing. The changes are recorded as made by you.
      </Text>
      <Group>
        <Button onClick={confirm.open} loading={running} disabled={running}>
          Load the demo data
        </Button>
      </Group>

      <div role="status" aria-live="polite">
        {running && (
          <Alert color="blue" title="Loading the demo data…">
            {progress.length > 0
              ? `${progress.at(-1)}`
              : 'Starting; this takes a few seconds (up to a minute on the embedded database).'}
          </Alert>
        )}
        {result && !running && (
          <Alert
            color="green"
            title={result.created > 0 ? 'The demo data is loaded' : 'The demo data was already there'}
          >
            <Stack gap="xs">
              <Text>
                {result.created > 0
                  ? `${result.created} records added: ${kindsSentence(result)}.`
                  : `Nothing new: all ${result.unchanged} records were already there.`}
              </Text>
              <Text>
                <AnchorLink to="/organizations">Open the partner directory</AnchorLink>
              </Text>
            </Stack>
          </Alert>
        )}
      </div>

      {load.error && !running && (
        <Alert
          color={busyElsewhere ? 'yellow' : 'red'}
          role="alert"
          title={busyElsewhere ? 'Already being loaded' : 'The demo data was not loaded'}
        >
          {busyElsewhere
            ? errorMessage(load.error)
            : `${errorMessage(load.error)} What was loaded stays; loading again adds the rest.`}
        </Alert>
      )}

      {progress.length > 0 && !running && (
        <Accordion variant="contained">
          <Accordion.Item value="steps">
            <Accordion.Control>What was done, step by step</Accordion.Control>
            <Accordion.Panel>
              <List size="sm" spacing={2}>
                {progress.map((line, index) => (
                  <List.Item key={index}>{line}</List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}

      <Modal
        opened={confirming}
        onClose={confirm.close}
        title="Load the demo data?"
        closeButtonProps={{ 'aria-label': 'Close' }}
        centered
      >
        <Stack>
          <Text>
            Fictional partners, staff and a season of outreach are added to this Tandem for everyone to see. Meant for
            trying Tandem out.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button
              data-autofocus
              onClick={() => {
                confirm.close();
                load.mutate();
              }}
            >
              Load it
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
