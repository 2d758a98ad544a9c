/**
 * Count fields (people reached, invitations handed out …) hold the text as typed: a number input
 * that drops a minus sign or a decimal point turns "-5" into 5 and "12.5" into 125 without a word.
 * Here the text is kept as it is and what is wrong with it is said instead.
 */

/** "1,000" (commas between groups of three) or plain digits. */
const DIGITS = /^\d+$/;
const GROUPED = /^\d{1,3}(,\d{3})+$/;

/** The number in a count field's text (blank is 0); call only when countProblem() found nothing. */
export function parseCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : Number(trimmed.replace(/,/g, ''));
}

/** What is wrong with a count as typed, in plain words, or null when it is a whole number from 0 to `max` (or blank). */
export function countProblem(text: string, max: number): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^[-−–]/.test(trimmed)) return 'A count can’t be below 0. Enter 0 or more.';
  if (!DIGITS.test(trimmed) && !GROUPED.test(trimmed)) {
    if (/^\d*[.,]\d*$/.test(trimmed)) return 'Enter a whole number, without decimals.';
    return 'Enter a number using digits only.';
  }
  if (parseCount(trimmed) > max) return `Enter a number no bigger than ${max.toLocaleString('en')}.`;
  return null;
}

/** A count as the field shows it at first: "0" stays "0", so what is saved is what was seen. */
export const countText = (count: number): string => String(count);
