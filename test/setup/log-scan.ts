import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * What must never be in Tandem's log: contact details and credentials. Names and free text cannot
 * be recognized by shape; these can.
 */
const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'email address', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/ },
  // North American numbers as people type them (503 555 0142, (206) 555-0198, +1 206.555.0198).
  { kind: 'phone number', pattern: /(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\b\d{3})[ .-]\d{3}[ .-]\d{4}\b/ },
  { kind: 'JWT', pattern: /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/ },
  // randomToken() and resourceKey(): 32 bytes in base64url (refresh, invitation, feedback, check-in, unsubscribe).
  {
    kind: 'token',
    pattern:
      /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
  },
];

/** Ids and times look like phone numbers to the pattern above (…-4123-8456-…, 2026-12-07). */
const HARMLESS = [
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g,
];

export interface LogFinding {
  /** 1-based line number in the log. */
  line: number;
  kind: string;
  match: string;
  text: string;
}

/** The first finding in one log line, or null when it is clean. */
export function findInLine(text: string): { kind: string; match: string } | null {
  const cleaned = HARMLESS.reduce((line, pattern) => line.replace(pattern, '…'), text);
  for (const { kind, pattern } of PATTERNS) {
    const found = pattern.exec(cleaned);
    if (found) return { kind, match: found[0] };
  }
  return null;
}

/** Every line of a log file holding an email, phone number or token. */
export async function scanLog(file: string): Promise<{ lines: number; findings: LogFinding[] }> {
  const findings: LogFinding[] = [];
  let lines = 0;
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of reader) {
    lines += 1;
    const found = findInLine(text);
    if (found) findings.push({ line: lines, ...found, text: text.length > 400 ? `${text.slice(0, 400)}…` : text });
  }
  return { lines, findings };
}
