import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/** How long typing pauses before a search box's words go into the URL (and so to the API). */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * A text box whose value goes into the URL once typing pauses, and which follows the URL when
 * it changes from elsewhere (back button, "Clear filters").
 */
export function useDebouncedUrlText(
  urlValue: string | undefined,
  commit: (value: string) => void,
): [string, (value: string) => void] {
  const [text, setText] = useState(urlValue ?? '');
  const [debounced] = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const committed = useRef(urlValue ?? '');

  useEffect(() => {
    if ((urlValue ?? '') !== committed.current) {
      committed.current = urlValue ?? '';
      setText(urlValue ?? '');
    }
  }, [urlValue]);

  useEffect(() => {
    const value = debounced.trim();
    if (value !== committed.current) {
      committed.current = value;
      commit(value);
    }
    // commit changes identity every render; only a new debounced value should commit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  return [text, setText];
}
