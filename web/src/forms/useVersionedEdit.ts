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

/**
 * A colleague's saved version, met on a 409: the fields (paths of the PATCH body) they changed
 * from what this person started from, and of those, the ones this person changed too (where the
 * form keeps what they typed; the colleague's other changes were taken into the form).
 */
export interface Conflict<R> {
  theirs: R;
  fields: string[];
  mine: string[];
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
  /** What to say when the record was deleted meanwhile, where the default words do not fit ("erased"). */
  goneMessage?: string;
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

/**
 * The form after a colleague's save: every field this person changed from `started` keeps what
 * they typed, every other field takes the colleague's value, so the form shows what "Save mine
 * over theirs" saves. "Changed" is the form's own `changes` (so " Dana " is Dana), field by field,
 * one level into plain objects (the fit's scores, feedback's outcomes).
 */
export function mergeOnConflict<V extends object>(
  changes: (base: V, values: V) => object,
  started: V,
  mine: V,
  theirs: V,
): V {
  const changedByMe = (candidate: V) => Object.keys(changes(started, candidate)).length > 0;
  const merged: Record<string, unknown> = Object.fromEntries(fieldsOf(theirs));
  const startedFields: Record<string, unknown> = Object.fromEntries(fieldsOf(started));
  for (const [key, value] of fieldsOf(mine)) {
    const before = startedFields[key];
    const theirValue = merged[key];
    if (isPlainObject(value) && isPlainObject(before) && isPlainObject(theirValue)) {
      const inner: Record<string, unknown> = { ...theirValue };
      for (const [innerKey, innerValue] of fieldsOf(value))
        if (changedByMe({ ...started, [key]: { ...before, [innerKey]: innerValue } })) inner[innerKey] = innerValue;
      merged[key] = inner;
    } else if (changedByMe({ ...started, [key]: value })) {
      merged[key] = value;
    }
  }
  return merged as V;
}

const fieldsOf = (value: object): [string, unknown][] => Object.entries(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isStale = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.problem.code === 'STALE_VERSION';

/**
 * Editing a versioned record (partner, contact, visit, task, feedback) with a @mantine/form form:
 * only what the person changed is sent, with the version they read. When a colleague saved first
 * (409), their version is loaded and kept in `conflict`; what this person typed stays in the form
 * and the colleague's other changes join it (mergeOnConflict). `saveMineOverTheirs` sends this
 * person's changes again on the colleague's version, `takeTheirs` puts the colleague's version in
 * the form. A record deleted meanwhile sets `gone`.
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
  /** The record was deleted meanwhile: nothing is left to save to. */
  const [gone, setGone] = useState(false);

  function noteGone(error: unknown) {
    const deleted = error instanceof ApiError && error.status === 404;
    setGone(deleted);
    setGeneral(
      deleted
        ? (options.goneMessage ??
            `This ${options.noun} is no longer there: a colleague may have deleted it. Close this and reload the list.`)
        : errorMessage(error),
    );
  }

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
          const started = baseRef.current.values;
          const theirValues = toValues(theirs);
          const typed = form.getValues();
          const fields = changedPaths(changes(started, theirValues));
          const mineChanged = new Set(changedPaths(changes(started, typed)));
          form.setValues(mergeOnConflict(changes, started, typed, theirValues));
          setConflict({ theirs, fields, mine: fields.filter((field) => mineChanged.has(field)) });
          setGeneral(null);
          await options.onConflict?.(theirs);
        } catch (loadError) {
          noteGone(loadError);
        }
        return;
      }
      if (error instanceof ApiError && error.status === 404) {
        noteGone(error);
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

  /** The form holds the colleague's version with this person's changes on it: what differs from theirs is sent. */
  function saveMineOverTheirs() {
    if (!conflict) return;
    const theirs = { version: conflict.theirs.version, values: toValues(conflict.theirs) };
    setBase(theirs);
    setConflict(null);
    save.mutate({ version: theirs.version, base: theirs.values, values: form.getValues() });
  }

  function takeTheirs() {
    if (!conflict) return;
    const theirs = toValues(conflict.theirs);
    setBase({ version: conflict.theirs.version, values: theirs });
    form.setValues(theirs);
    form.resetDirty(theirs);
    setConflict(null);
  }

  return {
    conflict,
    general,
    gone,
    pending: save.isPending,
    submit,
    saveMineOverTheirs,
    takeTheirs,
    base: base.values,
  };
}
