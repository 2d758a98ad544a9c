import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';

/**
 * Said when a colleague saved the record while this person was editing it (409): the colleague's
 * values, field by field — first where this person changed the same field (what they typed stays
 * in the form), then the colleague's other changes (taken into the form) — and the two ways on.
 */
export function ConflictAlert({
  noun,
  fields,
  mine,
  labels,
  valueText,
  onSaveMine,
  onUseTheirs,
  saving,
}: {
  /** "visit", "follow-up", "feedback" */
  noun: string;
  fields: readonly string[];
  /** Of `fields`, those this person changed too. */
  mine: readonly string[];
  labels: Record<string, string>;
  /** A field's value in the colleague's version, in words. */
  valueText: (field: string) => string;
  onSaveMine: () => void;
  onUseTheirs: () => void;
  saving: boolean;
}) {
  const both = fields.filter((field) => mine.includes(field));
  const theirsOnly = fields.filter((field) => !mine.includes(field));
  const list = (shown: readonly string[], testId: string) => (
    <List size="sm" spacing={2} data-testid={testId}>
      {shown.map((field) => (
        <List.Item key={field} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          <strong>{labels[field] ?? field}:</strong> {valueText(field)}
        </List.Item>
      ))}
    </List>
  );
  return (
    <Alert color="yellow" role="alert" title={`A colleague changed this ${noun} while you were editing it`}>
      <Stack gap="xs">
        {fields.length === 0 && <Text size="sm">Their save changed nothing you see here.</Text>}
        {both.length > 0 && (
          <>
            <Text size="sm">They also changed what you changed. Theirs:</Text>
            {list(both, 'conflict-both')}
          </>
        )}
        {theirsOnly.length > 0 && (
          <>
            <Text size="sm">Their other changes, now in the form:</Text>
            {list(theirsOnly, 'conflict-theirs')}
          </>
        )}
        <Text size="sm">Your changes are still in the form below.</Text>
        <Group gap="xs">
          <Button size="xs" onClick={onSaveMine} loading={saving}>
            Save mine over theirs
          </Button>
          <Button size="xs" variant="default" onClick={onUseTheirs}>
            Use theirs
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
