import { Badge } from '@mantine/core';
import { BAND_LABELS, STAGE_LABELS, type HealthBand, type Stage } from '../api/types';

const STAGE_COLORS: Record<Stage, string> = {
  prospect: 'gray',
  exploring: 'blue',
  active: 'green',
  paused: 'yellow',
  ended: 'dark',
};

const BAND_COLORS: Record<HealthBand, string> = {
  thriving: 'green',
  steady: 'blue',
  'at-risk': 'orange',
  dormant: 'red',
  // Neutral: no evidence yet is not a verdict on the partnership.
  unscored: 'gray',
};

/**
 * Mantine's Badge cuts its text with an ellipsis when short of room (a table cell, a card on a
 * phone): "At ri…" says nothing. These never shrink, and in the rare box narrower than the word
 * the word wraps instead.
 */
const WHOLE_WORD = {
  root: { flexShrink: 0, maxWidth: '100%', height: 'auto', minHeight: 'var(--badge-height)' },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'normal', overflowWrap: 'normal' },
} as const;

// The "dot" variant keeps the text in the body colour (readable at any contrast setting) and
// carries the colour in the dot; the word itself says the stage, so colour is never the only cue.
export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge variant="dot" color={STAGE_COLORS[stage]} tt="none" size="md" styles={WHOLE_WORD}>
      {STAGE_LABELS[stage]}
    </Badge>
  );
}

export function BandBadge({ band }: { band: HealthBand }) {
  return (
    <Badge variant="dot" color={BAND_COLORS[band]} tt="none" size="lg" styles={WHOLE_WORD}>
      {BAND_LABELS[band]}
    </Badge>
  );
}
