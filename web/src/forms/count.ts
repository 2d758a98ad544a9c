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

/** What a whole-number field is for, to word its messages. */
export interface WholeNumberRule {
  min: number;
  max: number;
  /** Who can't go below `min`, as a sentence starts: "A count", "The length". */
  what: string;
  /** The unit after the limits, if any: "minutes". */
  unit?: string;
}

/**
 * What is wrong with a whole number as typed, in plain words, or null when it is a whole number
 * from `min` to `max` (or blank: whether blank is allowed is the caller's business).
 */
export function wholeNumberProblem(text: string, { min, max, what, unit }: WholeNumberRule): string | null {
  const trimmed = text.trim();
  const units = unit ? ` ${unit}` : '';
  if (trimmed === '') return null;
  const below = `${what} can’t be below ${min.toLocaleString('en')}. Enter ${min.toLocaleString('en')} or more${units}.`;
  if (/^[-−–]/.test(trimmed)) return below;
  if (!DIGITS.test(trimmed) && !GROUPED.test(trimmed)) {
    if (/^\d*[.,]\d*$/.test(trimmed)) return 'Enter a whole number, without decimals.';
    return 'Enter a number using digits only.';
  }
  const value = parseCount(trimmed);
  if (value < min) return below;
  if (value > max) return `Enter a number no bigger than ${max.toLocaleString('en')}${units}.`;
  return null;
}

/** What is wrong with a count as typed, in plain words, or null when it is a whole number from 0 to `max` (or blank). */
export function countProblem(text: string, max: number): string | null {
  return wholeNumberProblem(text, { min: 0, max, what: 'A count' });
}

/** A count as the field shows it at first: "0" stays "0", so what is saved is what was seen. */
export const countText = (count: number): string => String(count);
