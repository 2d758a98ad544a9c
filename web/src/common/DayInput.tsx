import { TextInput } from '@mantine/core';
import { useState } from 'react';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30), in years a library's records can have (1900–2999). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2999) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A date field whose day goes into the URL once it is a whole, plausible day. Typing a year
 * passes through days like 0002-03-04; those stay in the field without reaching the URL.
 */
export function DayInput({
  label,
  value,
  onCommit,
  error,
}: {
  label: string;
  value: string | undefined;
  onCommit: (day: string | undefined) => void;
  error?: string;
}) {
  const [text, setText] = useState(value ?? '');
  // Follow the URL when it changes from elsewhere ("Clear filters", a preset picked, the back button).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  return (
    <TextInput
      label={label}
      type="date"
      min="1900-01-01"
      max="2999-12-31"
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        if (next === '' || isDay(next)) onCommit(next || undefined);
      }}
      error={error}
    />
  );
}
