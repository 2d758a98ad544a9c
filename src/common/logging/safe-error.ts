import { types } from 'node:util';

/**
 * What of an error may reach the log. Errors carry the values they failed on: TypeORM's
 * QueryFailedError holds the statement's `parameters` (emails, phones, names), PostgreSQL's
 * `detail` quotes key values (`Key (lower(email))=(angela@…) already exists.`), and many
 * messages quote the input (`invalid input syntax for type uuid: "…"`). pino's standard error
 * serializer copies every enumerable property, so all of that would be written and would
 * outlive an erasure. This keeps the kind, the SQLSTATE or system code, the names of the
 * constraint, table and column, the statement without literals, and a stack whose first line
 * is rewritten the same way; never parameter values, `detail`, `where` or `hint`.
 */
export interface SafeError {
  /** The error's class (`QueryFailedError`, `DatabaseError`, `Error`…), as pino calls it. */
  type: string;
  message?: string;
  /** SQLSTATE (`23505`) or a system code (`ECONNREFUSED`). */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
  routine?: string;
  syscall?: string;
  /** The SQL text of a failed query, with literals replaced; parameters are never included. */
  statement?: string;
  stack?: string;
  cause?: SafeError;
  /** The first few errors of an AggregateError (e.g. one connection attempt per address). */
  errors?: SafeError[];
}

const MAX_MESSAGE = 500;
const MAX_STATEMENT = 2000;
const MAX_DEPTH = 3;

/** A code worth keeping: a SQLSTATE, `ECONNREFUSED`, `ERR_…`. */
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
/** An identifier PostgreSQL names (constraint, table, column). */
const IDENTIFIER = /^[A-Za-z0-9_.$ -]{1,128}$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Text with parentheses nested up to two deep, as in `Key (lower(email::text))=(…)`. */
const NESTED = String.raw`(?:[^()]|\((?:[^()]|\([^()]*\))*\))*`;
/** PostgreSQL's `detail` of a key violation, also quoted in some messages: `Key (columns)=(values)`. */
const KEY_VALUES = new RegExp(String.raw`\bKey \((${NESTED})\)=\(${NESTED}\)`, 'g');

/**
 * A message with everything that may be a value taken out: double-quoted parts (PostgreSQL
 * quotes input and identifiers alike), `Key (…)=(…)` values, angle-bracketed addresses and
 * anything shaped like an email address.
 */
export function safeMessage(text: string): string {
  return text
    .replace(KEY_VALUES, 'Key ($1)=(…)')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/<[^<>\s]*>/g, '<…>')
    .replace(/[^\s"'<>()[\]{},;:]+@[^\s"'<>()[\]{},;:]+/g, '[email]')
    .slice(0, MAX_MESSAGE);
}

/**
 * SQL text without values: parameters are never part of it, and literals written into it
 * (single-quoted or dollar-quoted) are replaced, in case a statement was ever built with one.
 */
export function statementWithoutValues(sql: string): string {
  return sql
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1?\$/g, () => '$$…$$')
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_STATEMENT);
}

type ErrorLike = Error & Record<string, unknown>;

/** Also errors made in another realm (Node's own, under Jest's sandbox), which fail `instanceof Error`. */
export function isError(value: unknown): value is ErrorLike {
  return value instanceof Error || types.isNativeError(value);
}

function pick(source: Record<string, unknown>, key: string, pattern: RegExp): string | undefined {
  const value = source[key];
  if (typeof value === 'string' && pattern.test(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** PL/pgSQL `RAISE` messages are free text written by whoever wrote the function: never kept. */
function messageOf(error: ErrorLike, code: string | undefined): string | undefined {
  if (typeof error.message !== 'string' || error.message === '') return undefined;
  if (code && SQLSTATE.test(code) && code.startsWith('P0')) return undefined;
  return safeMessage(error.message);
}

function stackOf(error: ErrorLike, type: string, message: string | undefined): string | undefined {
  if (typeof error.stack !== 'string') return undefined;
  // The stack begins with "Name: message" (possibly over several lines); the frames follow.
  const frames = error.stack.indexOf('\n    at ');
  const head = message ? `${type}: ${message}` : type;
  return frames === -1 ? head : head + error.stack.slice(frames);
}

function typeOf(error: ErrorLike): string {
  const ctor = (error.constructor as { name?: unknown } | undefined)?.name;
  // pg names its errors "error"; the class (DatabaseError) says more.
  if (typeof ctor === 'string' && ctor !== '' && ctor !== 'Object') return ctor;
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
}

/**
 * The loggable part of anything thrown. Accepts an Error, what pino's standard serializer made of
 * one (its non-enumerable `raw` is the original), or any other value.
 */
export function safeError(value: unknown, depth = 0): SafeError {
  const raw = typeof value === 'object' && value !== null && !isError(value) && 'raw' in value ? value.raw : value;
  if (!isError(raw)) {
    if (typeof raw === 'string') return { type: 'string', message: safeMessage(raw) };
    return { type: raw === null ? 'null' : typeof raw };
  }
  const error = raw;
  const type = typeOf(error);
  const code = pick(error, 'code', CODE);
  const message = messageOf(error, code);
  const result: SafeError = { type };
  if (message) result.message = message;
  if (code) result.code = code;
  for (const key of ['constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'syscall'] as const) {
    const kept = pick(error, key, IDENTIFIER);
    if (kept) result[key] = kept;
  }
  // TypeORM's QueryFailedError keeps the SQL as `query` (and the values as `parameters`, dropped).
  if (typeof error.query === 'string') result.statement = statementWithoutValues(error.query);
  const stack = stackOf(error, type, message);
  if (stack) result.stack = stack;
  if (depth < MAX_DEPTH) {
    if (error.cause !== undefined) result.cause = safeError(error.cause, depth + 1);
    if (Array.isArray(error.errors) && error.errors.length > 0)
      result.errors = error.errors.slice(0, 5).map((inner) => safeError(inner, depth + 1));
  }
  return result;
}

/**
 * One line for a routine warning (`reason` of "reconcile failed; retrying"): the code and the
 * safe message, without a stack.
 */
export function errorReason(error: unknown): string {
  const safe = safeError(error);
  const text =
    safe.message ?? safe.errors?.map((inner) => inner.message ?? inner.code ?? inner.type).join('; ') ?? safe.type;
  return safe.code && !text.includes(safe.code) ? `${safe.code}: ${text}` : text;
}
