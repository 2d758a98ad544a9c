import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { useAudiences, useCapabilities } from '../api/queries';
import { PageTitle } from '../common/PageTitle';
import { applyProblem } from '../forms/apply-problem';
import { useDeleteTerm, useSaveTerm, type Term, type VocabularyKind as Kind } from './admin-queries';
import { populationProblem, termBody, termFormErrors, termFormValues, type TermFormValues } from './vocabulary-form';

const WORDS: Record<Kind, { title: string; one: string; a: string; intro: string }> = {
  audiences: {
    title: 'Audiences',
    one: 'audience',
    a: 'an audience',
    intro:
      'The groups of young people partners serve, from your community analysis. Priority 1 is the highest: the dashboard shows which priority audiences still lack an active partner.',
  },
  capabilities: {
    title: 'Skills & resources',
    one: 'skill or resource',
    a: 'a skill or resource',
    intro:
      'What partners offer and look for (meeting space, paid internships, Spanish outreach …). Suggested introductions pair one partner’s offer with another’s need.',
  },
};

export const PRIORITY_LABELS: Record<number, string> = { 1: '1 — high', 2: '2 — medium', 3: '3 — low' };

const isAudience = (term: Term): term is Extract<Term, { priority: number }> => 'priority' in term;

export function AudiencesPage() {
  return <VocabularyPage kind="audiences" />;
}

export function CapabilitiesPage() {
  return <VocabularyPage kind="capabilities" />;
}

/** One vocabulary (audiences, or skills & resources): the list, add, edit, delete; names are unique ignoring case. */
function VocabularyPage({ kind }: { kind: Kind }) {
  const words = WORDS[kind];
  const audiences = useAudiences();
  const capabilities = useCapabilities();
  const terms = kind === 'audiences' ? audiences : capabilities;
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Term | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows: Term[] = terms.data ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle>{words.title}</PageTitle>
        <Button onClick={() => setEditing('new')}>Add {words.a}</Button>
      </Group>
      <Text maw={720}>{words.intro}</Text>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert color="green" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
      </div>
      {terms.isError && (
        <Alert color="red" role="alert" title="The list could not be loaded">
          {errorMessage(terms.error)}
        </Alert>
      )}
      {terms.isPending && <Text>Loading…</Text>}
      {terms.isSuccess && rows.length === 0 && <Text>None yet.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={kind === 'audiences' ? 720 : 480}>
          <Table striped verticalSpacing="sm">
            <VisuallyHidden component="caption">
              {words.title}, by name, {rows.length} in all
            </VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                {kind === 'audiences' && (
                  <>
                    <Table.Th>Priority</Table.Th>
                    <Table.Th>Estimated population</Table.Th>
                    <Table.Th>Source</Table.Th>
                  </>
                )}
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((term) => (
                <Table.Tr key={term.id}>
                  <Table.Td>
                    <Text fw={600}>{term.name}</Text>
                    {term.description && (
                      <Text size="sm" c="dimmed">
                        {term.description}
                      </Text>
                    )}
                  </Table.Td>
                  {isAudience(term) && (
                    <>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {PRIORITY_LABELS[term.priority] ?? term.priority}
                      </Table.Td>
                      <Table.Td>
                        {term.estimatedPopulation === null ? '—' : term.estimatedPopulation.toLocaleString()}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{term.source ?? '—'}</Text>
                      </Table.Td>
                    </>
                  )}
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Button variant="default" size="compact-sm" onClick={() => setEditing(term)}>
                        Edit<VisuallyHidden> {term.name}</VisuallyHidden>
                      </Button>
                      <Button variant="default" color="red" size="compact-sm" onClick={() => setDeleting(term)}>
                        Delete<VisuallyHidden> {term.name}</VisuallyHidden>
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <TermModal
          key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
          kind={kind}
          term={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(term, created) => setNotice(`${term.name}: ${created ? 'added' : 'saved'}.`)}
        />
      )}
      {deleting && (
        <DeleteTermModal
          kind={kind}
          term={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(term) => setNotice(`${term.name}: deleted.`)}
        />
      )}
    </Stack>
  );
}

function TermModal({
  kind,
  term,
  onClose,
  onSaved,
}: {
  kind: Kind;
  term: Term | null;
  onClose: () => void;
  onSaved: (term: Term, created: boolean) => void;
}) {
  const words = WORDS[kind];
  const form = useForm<TermFormValues>({
    mode: 'controlled',
    initialValues: termFormValues(term),
    validate: termFormErrors,
    // A change answers the last failed save: its message goes with the field's.
    onValuesChange: () => save.reset(),
  });

  const save = useSaveTerm(kind, term, {
    onSuccess: (saved) => {
      onSaved(saved, term === null);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && error.problem.code?.endsWith('_NAME_TAKEN')) {
        form.setErrors({ name: `There is already ${words.a} with this name (names ignore upper and lower case).` });
        return;
      }
      // Field errors go next to their fields; anything else is said above the form (below).
      applyProblem(form, error);
    },
  });

  const submit = form.onSubmit((values) => save.mutate(termBody(values)));

  const error = save.error;
  const fieldErrorShown = Object.values(form.errors).some(Boolean);
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Modal
      opened
      onClose={onClose}
      title={term ? `Edit ${term.name}` : `Add ${words.a}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && !fieldErrorShown && (
            <Alert color={conflict ? 'yellow' : 'red'} role="alert" title="Not saved">
              {conflict
                ? `Someone changed this ${words.one} since you opened it. Close this window to see their version, then make your change again.`
                : errorMessage(error)}
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus maxLength={120} {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            {...form.getInputProps('description')}
          />
          {kind === 'audiences' && (
            <>
              <Radio.Group label="Priority" {...form.getInputProps('priority')}>
                <Group mt="xs">
                  {[1, 2, 3].map((priority) => (
                    <Radio key={priority} value={String(priority)} label={PRIORITY_LABELS[priority]} />
                  ))}
                </Group>
              </Radio.Group>
              {/* As typed: "-5" or "12.5" is refused with a message, never changed. */}
              <TextInput
                label="Estimated population"
                description="How many young people in your area, if you know"
                inputMode="numeric"
                autoComplete="off"
                {...form.getInputProps('estimatedPopulation')}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  const shown = !!form.errors.estimatedPopulation;
                  form.setFieldValue('estimatedPopulation', text);
                  // A message showing stays until the estimate is right.
                  if (shown) form.setFieldError('estimatedPopulation', populationProblem(text));
                }}
              />
              <TextInput
                label="Source"
                description="Where the estimate comes from, e.g. your community analysis"
                maxLength={300}
                {...form.getInputProps('source')}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {term ? 'Save' : 'Add'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Used by 3 partners": the server's counts in a sentence. */
export function inUseMessage(problem: Record<string, unknown>, one: string): string {
  if (typeof problem.organizations === 'number') {
    const n = problem.organizations;
    return `This ${one} is used by ${n} ${n === 1 ? 'partner' : 'partners'}. Take it off ${n === 1 ? 'that partner' : 'them'} first, then delete it.`;
  }
  if (typeof problem.programs === 'number') {
    const n = problem.programs;
    return `This ${one} is used by ${n} ${n === 1 ? 'program' : 'programs'}. Take it off ${n === 1 ? 'that program' : 'them'} first, then delete it.`;
  }
  return `This ${one} is still in use.`;
}

function DeleteTermModal({
  kind,
  term,
  onClose,
  onDeleted,
}: {
  kind: Kind;
  term: Term;
  onClose: () => void;
  onDeleted: (term: Term) => void;
}) {
  const words = WORDS[kind];
  const remove = useDeleteTerm(kind, term.id, {
    onSuccess: () => {
      onDeleted(term);
      onClose();
    },
  });
  const error = remove.error;
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Delete ${term.name}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <Stack>
        {error ? (
          <Alert color="red" role="alert" title="Not deleted">
            {error instanceof ApiError && error.status === 409
              ? inUseMessage(error.problem, words.one)
              : errorMessage(error)}
          </Alert>
        ) : (
          <Text>Only {words.a} no partner or program uses can be deleted.</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} disabled={!!error}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
