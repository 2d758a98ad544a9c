import { Button, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The small notice at the bottom of the screen that says what a quick action just did and,
 * when it can be taken back, offers "Undo". The live region is always in the page, so screen
 * readers announce what appears in it; it is kept clear of the page's clicks while empty.
 * `text` null shows nothing; without `onUndo` the notice only informs. `extra` (e.g. a link to
 * what the action made) goes under the text.
 */
export function UndoNotice({
  text,
  onUndo,
  undoing = false,
  undoLabel = 'Undo',
  closeLabel = 'Dismiss',
  onDismiss,
  extra,
}: {
  text: string | null;
  extra?: ReactNode;
  onUndo?: () => void;
  undoing?: boolean;
  undoLabel?: string;
  /** The close button's name, e.g. where "Dismiss" already names another action on the screen. */
  closeLabel?: string;
  onDismiss: () => void;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      style={{
        position: 'fixed',
        bottom: 16,
        left: '50%',
        transform: 'translateX(-50%)',
        width: 'min(480px, calc(100vw - 32px))',
        zIndex: 150,
        pointerEvents: 'none',
      }}
    >
      {text && (
        <Paper withBorder shadow="md" p="sm" style={{ pointerEvents: 'auto' }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={2}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {text}
              </Text>
              {extra}
            </Stack>
            <Group gap={4} wrap="nowrap">
              {onUndo && (
                <Button size="compact-sm" variant="light" loading={undoing} onClick={onUndo}>
                  {undoLabel}
                </Button>
              )}
              <CloseButton aria-label={closeLabel} onClick={onDismiss} />
            </Group>
          </Group>
        </Paper>
      )}
    </div>
  );
}
