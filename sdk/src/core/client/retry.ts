/**
 * When and how long to wait before trying a request again. Pure functions of their arguments
 * (the random source and the clock are parameters), so they are tested with tables.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  readonly retries: number;
  /** The first backoff delay; each retry doubles it. */
  readonly baseDelayMs: number;
  /** Upper bound for any single wait, backoff or `Retry-After`. */
  readonly maxDelayMs: number;
}

/** @default 3 retries, 250 ms doubling, waits capped at 10 s. */
export const DEFAULT_RETRY_POLICY = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
} as const satisfies RetryPolicy;

/**
 * The statuses worth another try, as data: a timeout (408), throttling (429) and every server
 * error (500 to 599, a range). Every other status is final: the same request would get the same
 * answer (400, 401, 403, 404 among them). What each status means is `STATUS_FAILURES`
 * (`failures.ts`), whose rows for these statuses are the retryable ones.
 */
export const RETRY_STATUSES: readonly StatusSpec[] = [408, 429, [500, 599]];

/** A status, or a range of statuses (both ends included). */
export type StatusSpec = number | readonly [from: number, to: number];

/** Whether `status` is one of {@link RETRY_STATUSES}. */
export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUSES.some((s) => (typeof s === "number" ? s === status : status >= s[0] && status <= s[1]));
}

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half is random, so
 * retries from many lookups spread out but never collapse to zero. `retry` counts from 1.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * Parses a `Retry-After` header: delay-seconds (`"3"`) or an HTTP date. Returns milliseconds from
 * `nowMs` (never negative), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before retry number `retry`: the server's `Retry-After` when given, else backoff; capped. */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const wanted = retryAfterMs ?? backoffDelay(retry, policy, random);
  return Math.min(wanted, policy.maxDelayMs);
}
