import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';

/**
 * Said when a colleague saved the record while this person was editing it (409): the colleague's
 * values, field by field, and the two ways on. What was typed stays in the form below.
 */
export function ConflictAlert({
  noun,
  fields,
  labels,
  valueText,
  onSaveMine,
  onUseTheirs,
  saving,
}: {
  /** "visit", "follow-up", "feedback" */
  noun: string;
  fields: readonly string[];
  labels: Record<string, string>;
  /** A field's value in the colleague's version, in words. */
  valueText: (field: string) => string;
  onSaveMine: () => void;
  onUseTheirs: () => void;
  saving: boolean;
}) {
  return (
    <Alert color="yellow" role="alert" title={`A colleague changed this ${noun} while you were editing it`}>
      <Stack gap="xs">
        {fields.length === 0 ? (
          <Text size="sm">Their save changed nothing you see here.</Text>
        ) : (
          <>
            <Text size="sm">Their version:</Text>
            <List size="sm" spacing={2}>
              {fields.map((field) => (
                <List.Item key={field} style={{ overflowWrap: 'anywhere' }}>
                  <strong>{labels[field] ?? field}:</strong> {valueText(field)}
                </List.Item>
              ))}
            </List>
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
