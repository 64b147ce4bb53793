import type { paths } from './schema';

/** RFC 9457 problem details, as every API error is rendered: the one shape, taken from the spec. */
export type Problem = paths['/api/v1/me']['get']['responses'][401]['content']['application/problem+json'];
export type FieldErrors = Record<string, string>;

/** A non-2xx answer from the API, with its problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null) {
    super(problem?.detail ?? problem?.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Turns an openapi-fetch result into its data, or throws an ApiError. */
export async function unwrap<R extends FetchResult>(pending: Promise<R>): Promise<Exclude<R['data'], undefined>> {
  const result = await pending;
  if (result.response.ok) return result.data as Exclude<R['data'], undefined>;
  throw apiErrorFrom(result.response.status, result.error, result.response.headers.get('Retry-After'));
}

/** An ApiError from a status, a parsed body and a Retry-After header: for answers that did not come through openapi-fetch. */
export function apiErrorFrom(status: number, body: unknown, retryAfter: string | null): ApiError {
  const seconds = Number(retryAfter);
  return new ApiError(
    status,
    isProblem(body) ? body : null,
    retryAfter && Number.isFinite(seconds) && seconds > 0 ? seconds : null,
  );
}

/** "/body/links/0/url", "links/0/url", "links.0.url" all become "links.0.url". */
export function fieldKey(path: string): string {
  return path
    .replace(/^[/.]+/, '')
    .replace(/^body[/.]/, '')
    .replaceAll('/', '.');
}

export interface DescribedError {
  fieldErrors: FieldErrors;
  formError: string | null;
}

/**
 * Splits an error into messages shown next to known fields and one message
 * for the form-level alert. `fields` lists the keys the form can display.
 */
export function describeError(error: unknown, fields: readonly string[]): DescribedError {
  if (!(error instanceof ApiError)) {
    return {
      fieldErrors: {},
      formError: "We couldn't reach Veza. Check your connection and try again.",
    };
  }
  if (error.status === 429) {
    const wait = error.retryAfter ? ` in ${formatWait(error.retryAfter)}` : ' in a moment';
    return { fieldErrors: {}, formError: `Too many attempts. Please try again${wait}.` };
  }
  const problem = error.problem;
  if (!problem || error.status >= 500) {
    const ref = problem?.requestId ? ` (reference ${problem.requestId})` : '';
    return { fieldErrors: {}, formError: `Something went wrong on our side. Please try again${ref}.` };
  }
  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const item of problem.errors ?? []) {
    const key = fieldKey(item.path);
    if (fields.includes(key)) fieldErrors[key] ??= item.message;
    else unplaced.push(key ? `${key}: ${item.message}` : item.message);
  }
  const placed = Object.keys(fieldErrors).length > 0;
  const summary =
    placed && unplaced.length === 0 ? 'Please fix the highlighted fields.' : (problem.detail ?? problem.title);
  const formError = [summary, ...unplaced].join(' ');
  return { fieldErrors, formError };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
