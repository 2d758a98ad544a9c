import { Alert, Anchor, Button, FileInput, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useRef, useState } from 'react';
import {
  columnText,
  countsText,
  importFailureText,
  MAX_LISTED_ERRORS,
  pickedFileProblem,
  problemText,
  refusedRows,
  sortedRowErrors,
  templateCsv,
  TEMPLATE_FILE_NAME,
  type ImportResult,
  type ImportRowError,
} from './directory-csv';
import { saveFile } from '../common/save-file';
import { useCsvImport } from './directory-queries';

/**
 * Import partners from a CSV file in two steps: "Check the file" runs the import as a dry run and
 * shows what it would do, or every row error, with nothing written; "Import" is offered only
 * after a clean check of that very file and sends the same bytes that were checked.
 */
export function ImportCsvModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Import partners from a CSV file"
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="xl"
      fullScreen={phone}
      centered
    >
      {opened && <ImportCsvForm onClose={onClose} />}
    </Modal>
  );
}

/** A check of one picked file: its bytes as read then (what Import sends) and the dry run's answer. */
interface Checked {
  picked: File;
  upload: File;
  result: ImportResult;
}

type Failure = { title: string; message: string; rows?: ImportRowError[] };

function ImportCsvForm({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [reading, setReading] = useState(false);
  // Empties the hidden file input, so picking the same path again (after fixing it) is a new pick.
  const resetInput = useRef<() => void>(null);
  const check = useCsvImport({ dryRun: true });
  const run = useCsvImport({ dryRun: false });

  const fileProblem = file ? pickedFileProblem(file) : null;
  const current = checked && checked.picked === file ? checked : null;
  const ready = !!current && current.result.errors.length === 0 && current.result.created + current.result.updated > 0;

  function pick(next: File | null) {
    setFile(next);
    setChecked(null);
    setFailure(null);
    setImported(null);
  }

  async function checkFile() {
    if (!file || fileProblem) return;
    setFailure(null);
    setChecked(null);
    const picked = file;
    let upload: File;
    setReading(true);
    try {
      // A snapshot of the bytes: Import must send exactly what was checked, even if the file on
      // disk is saved again meanwhile.
      upload = new File([await picked.arrayBuffer()], picked.name, { type: 'text/csv' });
    } catch {
      setFailure({
        title: 'The file could not be read',
        message: 'It may have been moved or saved again since you picked it. Pick it again.',
      });
      return;
    } finally {
      setReading(false);
      resetInput.current?.();
    }
    check.mutate(upload, {
      onSuccess: (result) => setChecked({ picked, upload, result }),
      onError: (error) => setFailure({ title: 'The file could not be checked', message: importFailureText(error) }),
    });
  }

  function importFile() {
    if (!current || !ready) return;
    setFailure(null);
    run.mutate(current.upload, {
      onSuccess: (result) => {
        setImported(result);
        setChecked(null);
      },
      onError: (error) => {
        // Whatever happened, this check no longer vouches for the file: check again before importing.
        setChecked(null);
        const rows = refusedRows(error);
        setFailure({
          title: 'Nothing was imported',
          message: rows
            ? 'The file has problems it did not have when it was checked (a colleague may have changed these partners since). Fix the rows below, then pick the file again and check it.'
            : importFailureText(error),
          rows: rows ?? undefined,
        });
      },
    });
  }

  return (
    <Stack gap="md">
      <ImportHelp />

      <FileInput
        label="CSV file"
        description="At most 5 MB. Nothing is written until you import."
        placeholder="Pick a .csv file"
        // Mantine's placeholder grey is too faint (2.1:1) for text a button shows.
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        accept=".csv,text/csv"
        clearable
        clearButtonProps={{ 'aria-label': 'Remove the file' }}
        value={file}
        onChange={pick}
        resetRef={resetInput}
        error={fileProblem}
        disabled={run.isPending}
      />

      {!imported && (
        <Group>
          <Button
            variant={ready ? 'default' : 'filled'}
            onClick={() => void checkFile()}
            loading={reading || check.isPending}
            disabled={!file || !!fileProblem || run.isPending}
          >
            Check the file
          </Button>
        </Group>
      )}

      {failure && (
        <Stack gap="xs">
          <Alert color="red" role="alert" title={failure.title}>
            {failure.message}
          </Alert>
          {failure.rows && failure.rows.length > 0 && <RowErrorsTable errors={failure.rows} />}
        </Stack>
      )}

      {current && <CheckResult result={current.result} />}

      {imported && (
        <Alert color="green" role="status" title={`Imported: ${countsText(imported)}`}>
          The partner directory shows the changes now. The stage changes are recorded as “CSV import”.
        </Alert>
      )}

      <Group justify="flex-end">
        {imported ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="default" onClick={onClose} disabled={run.isPending}>
              Cancel
            </Button>
            <Button onClick={importFile} disabled={!ready} loading={run.isPending}>
              Import
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

function ImportHelp() {
  return (
    <Stack gap="xs">
      <Text size="sm">
        Add or update many partners at once from a spreadsheet saved as CSV (UTF-8). The easiest start is{' '}
        <strong>Export CSV</strong>: edit that file, then import it here.
      </Text>
      <Text size="sm">
        The first row names the columns, in any order: <strong>name</strong> (required), type, website, email, phone,
        address, mission, notes, stage (prospect, exploring, active, paused or ended), owner (a colleague’s name),
        audiences, capabilities, seeksCapabilities, tags (several separated by “;”), fitAudienceReach,
        fitMissionOverlap, fitComplementaryResources (0 to 5), fitNotes, and id and version as an export has them.
      </Text>
      <Text size="sm">
        A row with an id updates that partner; a row without one updates the partner with the same name, or adds a new
        one. If any row has a problem, nothing is imported.
      </Text>
      <Text size="sm">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => saveFile(new Blob([templateCsv()], { type: 'text/csv' }), TEMPLATE_FILE_NAME)}
        >
          Download a template
        </Anchor>{' '}
        (the header row only)
      </Text>
    </Stack>
  );
}

function CheckResult({ result }: { result: ImportResult }) {
  const rows = result.created + result.updated;
  if (result.errors.length > 0) {
    const count = result.errors.length;
    return (
      <Stack gap="xs">
        <Alert color="red" role="alert" title={`Nothing was written: ${problemCount(count)} to fix`}>
          Fix {count === 1 ? 'it' : 'them'} in your spreadsheet and save it as CSV again, then pick the file and check
          it again.
          {rows > 0 && ` The other rows are fine (${countsText(result)}).`}
          {count >= MAX_LISTED_ERRORS && ` Only the first ${MAX_LISTED_ERRORS} problems are listed.`}
        </Alert>
        <RowErrorsTable errors={result.errors} />
      </Stack>
    );
  }
  if (rows === 0) {
    return (
      <Alert color="yellow" role="status" title="Nothing to import">
        The file has no partners in it, only the header row. Add a row for each partner and check it again.
      </Alert>
    );
  }
  return (
    <Alert color="green" role="status" title={`Ready: ${countsText(result)}`}>
      The file has no problems. Nothing has been written yet: choose Import to save it.
    </Alert>
  );
}

function problemCount(count: number): string {
  return count === 1 ? '1 problem' : `${count >= MAX_LISTED_ERRORS ? 'at least ' : ''}${count} problems`;
}

function RowErrorsTable({ errors }: { errors: readonly ImportRowError[] }) {
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top">
        <VisuallyHidden component="caption">Problems in the file, by spreadsheet row</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Row</Table.Th>
            <Table.Th scope="col">Column</Table.Th>
            <Table.Th scope="col">Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortedRowErrors(errors).map((error, index) => (
            <Table.Tr key={`${error.row}-${error.field ?? ''}-${index}`}>
              <Table.Td>{error.row}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{columnText(error)}</Table.Td>
              <Table.Td>{problemText(error)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
