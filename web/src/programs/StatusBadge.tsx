import { Badge } from '@mantine/core';
import { STATUS_LABELS, type ProgramStatus } from './program-types';

const STATUS_COLORS: Record<ProgramStatus, string> = {
  planned: 'blue',
  running: 'green',
  paused: 'yellow',
  completed: 'gray',
};

/** The word says the status; the dot's colour is a second cue, never the only one. */
export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  return (
    <Badge variant="dot" color={STATUS_COLORS[status]} tt="none" size="md">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
