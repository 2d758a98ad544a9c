import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ConflictAlert } from './ConflictAlert';

/** What VersionedEditForm shows of a `useVersionedEdit`. */
interface EditState {
  conflict: { fields: string[]; mine: string[] } | null;
  general: string | null;
  gone: boolean;
  pending: boolean;
  saveMineOverTheirs: () => void;
  takeTheirs: () => void;
}

/**
 * The frame of every edit of a versioned record: a colleague's save (409) above the fields, a
 * failure that found no field, the fields, and Cancel / Save changes kept in view at the bottom
 * (Save is off while a conflict waits for a choice, and once the record is gone).
 */
export function VersionedEditForm({
  edit,
  onSubmit,
  onCancel,
  noun,
  labels,
  valueText,
  label,
  children,
}: {
  edit: EditState;
  /** `form.onSubmit(edit.submit)` */
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** "visit", "partner": in the conflict's title. */
  noun: string;
  labels: Record<string, string>;
  /** A field's value in the colleague's version, in words. */
  valueText: (field: string) => string;
  /** The form's accessible name, where it needs one. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="md">
        {edit.conflict && (
          <ConflictAlert
            noun={noun}
            fields={edit.conflict.fields}
            mine={edit.conflict.mine}
            labels={labels}
            valueText={valueText}
            onSaveMine={edit.saveMineOverTheirs}
            onUseTheirs={edit.takeTheirs}
            saving={edit.pending}
          />
        )}
        {edit.general && (
          <Alert color="red" role="alert" title="Not saved">
            {edit.general}
          </Alert>
        )}
        {children}
        <Group justify="flex-end" style={{ position: 'sticky', bottom: 0 }} bg="var(--mantine-color-body)" py="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={edit.pending} disabled={edit.conflict !== null || edit.gone}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
