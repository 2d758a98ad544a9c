import { Alert, Box } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { outage, type OutageReason } from '../api/outage';

const MESSAGES: Record<OutageReason, string> = {
  database: "Tandem can't reach its database right now; trying again…",
  network: "Tandem can't be reached right now; trying again…",
};

/**
 * A calm note while Tandem is away (a 503 or no answer): the page and the session stay as they
 * are, and the note goes once the server answers again. The live region is always there, so
 * screen readers announce the note when it appears (politely: nothing is lost).
 */
export function OutageNotice() {
  const { active, reason } = useSyncExternalStore(outage.subscribe, outage.getSnapshot);
  return (
    <Box aria-live="polite" pos="fixed" bottom={16} left={16} right={16} style={{ zIndex: 400, pointerEvents: 'none' }}>
      {active && reason ? (
        <Alert
          role="status"
          color="yellow"
          maw={560}
          mx="auto"
          style={{ pointerEvents: 'auto' }}
          title="Trying to reconnect"
        >
          {MESSAGES[reason]}
        </Alert>
      ) : null}
    </Box>
  );
}
