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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys, useAudiences, useCapabilities } from '../api/queries';
import type { Audience, Capability } from '../api/types';
import { PageTitle } from '../common/PageTitle';
import { parseCount, wholeNumberProblem } from '../forms/count';

type Kind = 'audiences' | 'capabilities';
type Term = Audience | Capability;

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

const isAudience = (term: Term): term is Audience => 'priority' in term;

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

interface TermValues {
  name: string;
  description: string;
  priority: string;
  /** As typed ("12,000"); populationProblem says what is wrong with it. */
  estimatedPopulation: string;
  source: string;
}
type TermField = keyof TermValues;

function initialValues(term: Term | null): TermValues {
  return {
    name: term?.name ?? '',
    description: term?.description ?? '',
    priority: term && isAudience(term) ? String(term.priority) : '2',
    estimatedPopulation:
      term && isAudience(term) && term.estimatedPopulation !== null ? String(term.estimatedPopulation) : '',
    source: term && isAudience(term) ? (term.source ?? '') : '',
  };
}

/** The server's limit for an audience's estimated population. */
const MAX_POPULATION = 100_000_000;

/** What is wrong with the estimate as typed ("-5", "12.5", "lots"), or null when it is blank or a whole number in range. */
const populationProblem = (text: string) =>
  wholeNumberProblem(text, { min: 0, max: MAX_POPULATION, what: 'An estimate' });

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

async function saveTerm(kind: Kind, term: Term | null, values: TermValues): Promise<Term> {
  const common = { name: values.name.trim(), description: blankToNull(values.description) };
  const population = values.estimatedPopulation.trim() === '' ? null : parseCount(values.estimatedPopulation);
  const audience = {
    ...common,
    priority: Number(values.priority) as 1 | 2 | 3,
    estimatedPopulation: population,
    source: blankToNull(values.source),
  };
  if (kind === 'audiences') {
    return term
      ? unwrap(
          await api.PATCH('/api/v1/audiences/{id}', {
            params: { path: { id: term.id } },
            body: { ...audience, version: term.version },
          }),
        )
      : unwrap(await api.POST('/api/v1/audiences', { body: audience }));
  }
  return term
    ? unwrap(
        await api.PATCH('/api/v1/capabilities/{id}', {
          params: { path: { id: term.id } },
          body: { ...common, version: term.version },
        }),
      )
    : unwrap(await api.POST('/api/v1/capabilities', { body: common }));
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
  const queryClient = useQueryClient();
  const [values, setValues] = useState<TermValues>(() => initialValues(term));
  const [errors, setErrors] = useState<Partial<Record<TermField, string>>>({});

  const listKey = kind === 'audiences' ? queryKeys.audiences : queryKeys.capabilities;

  const save = useMutation({
    mutationFn: () => saveTerm(kind, term, values),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: listKey });
      onSaved(saved, term === null);
      onClose();
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.status === 409 && error.problem.code?.endsWith('_NAME_TAKEN')) {
        setErrors({ name: `There is already ${words.a} with this name (names ignore upper and lower case).` });
        return;
      }
      if (error.status === 409) await queryClient.invalidateQueries({ queryKey: listKey });
      const found: Partial<Record<TermField, string>> = {};
      for (const field of ['name', 'description', 'priority', 'estimatedPopulation', 'source'] as const)
        found[field] = error.fieldError(field);
      setErrors(found);
    },
  });

  const set = <K extends TermField>(key: K, value: TermValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
    save.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<TermField, string>> = {};
    if (!values.name.trim()) found.name = 'Enter a name';
    const populationError = populationProblem(values.estimatedPopulation);
    if (populationError) found.estimatedPopulation = populationError;
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    save.mutate();
  }

  const error = save.error;
  const fieldErrorShown = Object.values(errors).some(Boolean);
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
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={120}
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={values.description}
            onChange={(event) => set('description', event.currentTarget.value)}
            error={errors.description}
          />
          {kind === 'audiences' && (
            <>
              <Radio.Group
                label="Priority"
                value={values.priority}
                onChange={(value) => set('priority', value)}
                error={errors.priority}
              >
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
                value={values.estimatedPopulation}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  const shown = !!errors.estimatedPopulation;
                  set('estimatedPopulation', text);
                  // A message showing stays until the estimate is right.
                  if (shown)
                    setErrors((current) => ({ ...current, estimatedPopulation: populationProblem(text) ?? undefined }));
                }}
                error={errors.estimatedPopulation}
              />
              <TextInput
                label="Source"
                description="Where the estimate comes from, e.g. your community analysis"
                maxLength={300}
                value={values.source}
                onChange={(event) => set('source', event.currentTarget.value)}
                error={errors.source}
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
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => {
      const result =
        kind === 'audiences'
          ? await api.DELETE('/api/v1/audiences/{id}', { params: { path: { id: term.id } } })
          : await api.DELETE('/api/v1/capabilities/{id}', { params: { path: { id: term.id } } });
      unwrap(result);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        queryKey: kind === 'audiences' ? queryKeys.audiences : queryKeys.capabilities,
      });
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
