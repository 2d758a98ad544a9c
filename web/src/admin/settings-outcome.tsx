import { Alert } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { applyProblem, type ProblemTarget } from '../forms/apply-problem';

/** What the last save of a settings form came to, said below it. */
export type SettingsOutcome = { tone: 'green' | 'yellow' | 'red'; text: string } | null;

export const FIX_MARKED = 'Not saved: fix the values marked below.';

export const STALE_SETTINGS =
  'Someone changed these settings since you opened this page. The form now shows their values; make your change again if it is still needed.';

/** The outcome of the last save, said below the form. */
export function OutcomeRegion({ outcome }: { outcome: SettingsOutcome }) {
  return (
    <div role="status" aria-live="polite">
      {outcome && (
        <Alert color={outcome.tone} mt="md">
          {outcome.text}
        </Alert>
      )}
    </div>
  );
}

/**
 * A versioned settings section of the Settings page: the read's error, the form keyed by the
 * version (a save re-mounts it with the saved values), and the last save's outcome, kept here so
 * it outlives that re-mount.
 */
export function VersionedSettings<S extends { version: number }>({
  query,
  form,
}: {
  query: UseQueryResult<S>;
  form: (settings: S, onOutcome: (outcome: SettingsOutcome) => void) => ReactNode;
}) {
  const [outcome, setOutcome] = useState<SettingsOutcome>(null);
  return (
    <>
      {query.isError && (
        <Alert color="red" role="alert">
          {errorMessage(query.error)}
        </Alert>
      )}
      {query.data && <Fragment key={query.data.version}>{form(query.data, setOutcome)}</Fragment>}
      <OutcomeRegion outcome={outcome} />
    </>
  );
}

/**
 * A refused save: a colleague's newer version (409) says so and the form shows theirs; anything
 * else marks the fields the problem names and says what is left.
 */
export function settingsSaveFailed(
  form: ProblemTarget,
  error: Error,
  setOutcome: (outcome: SettingsOutcome) => void,
): void {
  if (error instanceof ApiError && error.status === 409) {
    setOutcome({ tone: 'yellow', text: STALE_SETTINGS });
    return;
  }
  const unplaced = applyProblem(form, error);
  setOutcome({ tone: 'red', text: `Not saved: ${unplaced ?? 'fix the values marked below.'}` });
}
