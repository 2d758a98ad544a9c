import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { applyProblem, type ApplyProblemOptions } from './apply-problem';

/** What the hook needs of a `useForm` (@mantine/form) form. */
export interface EditableForm<V> {
  getValues: () => V;
  setValues: (values: V) => void;
  resetDirty: (values?: V) => void;
  setErrors: (errors: Record<string, string>) => void;
}

/** A colleague's saved version, met on a 409, and the fields (form paths) where it differs from what this person started from. */
export interface Conflict<R> {
  theirs: R;
  fields: string[];
}

export interface VersionedEditOptions<R extends { version: number }, V extends object, B extends object> {
  record: R;
  form: EditableForm<V>;
  /** The form's values for a version of the record. */
  toValues: (record: R) => V;
  /** Only what changed from `base` to `values` (no version); empty when nothing did. */
  changes: (base: V, values: V) => B;
  /** PATCH with the version read; resolves to the saved record. */
  patch: (body: B & { version: number }) => Promise<R>;
  /** GET the record as it is now (after a 409). */
  load: () => Promise<R>;
  onSaved: (saved: R) => void | Promise<void>;
  /** Called when Save is pressed with nothing changed. */
  onUnchanged: () => void;
  /** Called with the colleague's version, e.g. to refresh lists. */
  onConflict?: (theirs: R) => void | Promise<void>;
  /** "visit", "task": for the message when the record was deleted meanwhile. */
  noun: string;
  problem?: ApplyProblemOptions;
}

/** The top-level keys of a changes object, one level into plain objects (`outcomes.knowledge`). */
export function changedPaths(changes: object): string[] {
  return Object.entries(changes).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.keys(value as object).map((inner) => `${key}.${inner}`)
      : [key],
  );
}

const isStale = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.problem.code === 'STALE_VERSION';

/**
 * Editing a versioned record (visit, task, feedback) with a @mantine/form form: only what the
 * person changed is sent, with the version they read. When a colleague saved first (409), their
 * version is loaded and kept in `conflict` while what was typed stays in the form:
 * `saveMineOverTheirs` sends this person's changes again on the colleague's version (fields only
 * the colleague changed stay theirs), `takeTheirs` puts the colleague's values in the form.
 */
export function useVersionedEdit<R extends { version: number }, V extends object, B extends object>(
  options: VersionedEditOptions<R, V, B>,
) {
  const { form, toValues, changes } = options;
  const [base, setBaseState] = useState(() => ({ version: options.record.version, values: toValues(options.record) }));
  // The mutation's callbacks read the base of the save they answer, even one started in the same event.
  const baseRef = useRef(base);
  const setBase = (next: { version: number; values: V }) => {
    baseRef.current = next;
    setBaseState(next);
  };
  const [conflict, setConflict] = useState<Conflict<R> | null>(null);
  const [general, setGeneral] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (edit: { version: number; base: V; values: V }) =>
      options.patch({ ...changes(edit.base, edit.values), version: edit.version }),
    onSuccess: async (saved) => {
      setBase({ version: saved.version, values: toValues(saved) });
      await options.onSaved(saved);
    },
    onError: async (error) => {
      if (isStale(error)) {
        try {
          const theirs = await options.load();
          setConflict({ theirs, fields: changedPaths(changes(baseRef.current.values, toValues(theirs))) });
          setGeneral(null);
          await options.onConflict?.(theirs);
        } catch (loadError) {
          setGeneral(deletedOr(loadError, options.noun));
        }
        return;
      }
      if (error instanceof ApiError && error.status === 404) {
        setGeneral(deletedOr(error, options.noun));
        return;
      }
      setGeneral(applyProblem(form, error, options.problem));
    },
  });

  /** For `form.onSubmit`: saves what changed, or says there is nothing to save. */
  function submit(values: V) {
    setGeneral(null);
    if (Object.keys(changes(base.values, values)).length === 0) {
      options.onUnchanged();
      return;
    }
    save.mutate({ version: base.version, base: base.values, values });
  }

  function saveMineOverTheirs() {
    if (!conflict) return;
    const started = base.values;
    setBase({ version: conflict.theirs.version, values: toValues(conflict.theirs) });
    setConflict(null);
    save.mutate({ version: conflict.theirs.version, base: started, values: form.getValues() });
  }

  function takeTheirs() {
    if (!conflict) return;
    const theirs = toValues(conflict.theirs);
    setBase({ version: conflict.theirs.version, values: theirs });
    form.setValues(theirs);
    form.resetDirty(theirs);
    setConflict(null);
  }

  return { conflict, general, pending: save.isPending, submit, saveMineOverTheirs, takeTheirs, base: base.values };
}

function deletedOr(error: unknown, noun: string): string {
  if (error instanceof ApiError && error.status === 404)
    return `This ${noun} is no longer there: a colleague may have deleted it. Close this and reload the list.`;
  return errorMessage(error);
}
