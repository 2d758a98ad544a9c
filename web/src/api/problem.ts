/** RFC 9457 problem details as Tandem's API sends them (src/common/filters/problem-details.filter.ts). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** A failed API call: the HTTP status and the problem the server described. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}`);
    this.name = 'ApiError';
  }

  /** The message for one field of a validation error, if the server named that field. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field)?.message;
  }
}

function asProblem(body: unknown): Problem {
  return typeof body === 'object' && body !== null ? (body as Problem) : {};
}

/**
 * The data of an openapi-fetch result, or an ApiError carrying the problem details. Queries and
 * mutations use it so TanStack Query sees failures as errors.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, asProblem(result.error));
}

/** A sentence for people: the server's own detail when it gave one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0 || error.status >= 500)
      return 'Tandem could not answer just now. Please try again in a moment.';
    return error.message;
  }
  if (error instanceof TypeError) return 'Tandem could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
