/**
 * What each failed request means, as data: for every answer status (first matching row wins) and
 * for every attempt that got no usable answer, the error class, whether another attempt may go
 * better, and the message with its advice. The retry loop (`http.ts`) only picks the row.
 * Retryable statuses are {@link RETRY_STATUSES}, which the rows reuse.
 */
import {
  TursoApiError,
  TursoAuthError,
  TursoForbiddenError,
  TursoNotFoundError,
  TursoResponseError,
  type TursoError,
  type TursoErrorDetails,
} from "../errors";
import type { ProxyFailure } from "./proxy";
import { isRetryableStatus, RETRY_STATUSES, type StatusSpec } from "./retry";
import type { Target } from "./url";

/** How one attempt ended, when it did not end in a 2xx answer (or did, in `response`). */
export type Attempt<R = unknown> =
  | { readonly kind: "response"; readonly response: R; readonly status: number }
  | { readonly kind: "timeout" }
  | { readonly kind: "network"; readonly code: string; readonly proxy?: ProxyFailure }
  | { readonly kind: "too-large" }
  | { readonly kind: "cancelled" };

/** The facts every failure message may quote: the request, the settings' words, the attempts. */
export interface FailureFacts {
  readonly ref: Target;
  readonly url: string;
  /** `group "prod" in organization "acme"` (describeRef). */
  readonly what: string;
  /** `organization "acme"` or `your personal account` (describeScope). */
  readonly where: string;
  /** `4 attempts over 7.3 s`, with what stopped them. */
  readonly tried: string;
  readonly tokenSource: string;
  readonly tokenFix: string;
  readonly baseUrlSource: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** A setting's config key in the client's namespace: `turso:maxRetries`. */
  readonly key: (name: string) => string;
}

/** The facts of an answer with an error status. */
export interface StatusFacts extends FailureFacts {
  readonly status: number;
  /** The API's own `error` message, redacted, when it sent one. */
  readonly apiMessage: string | undefined;
  /** How messages quote the answer: `404: group not found`. */
  readonly said: string;
  /** Where a redirect pointed, as shown (no credentials, no token). */
  readonly location: string;
}

type Details = TursoErrorDetails & { readonly attempts: number; readonly missing: "group" | "organization" };
/** An error class of the catalogue: {@link TursoApiError} or one of its subclasses. */
export type ApiErrorClass = new (message: string, details: Details) => TursoApiError;

/** A row of {@link STATUS_FAILURES}. */
export interface StatusFailure {
  /** The statuses it covers. */
  readonly statuses: readonly StatusSpec[];
  /** A further condition on the answer; the row applies only when it holds. */
  readonly when?: (f: StatusFacts) => boolean;
  readonly error: ApiErrorClass;
  /** For a 404: what the API did not find. */
  readonly missing?: "group" | "organization";
  /** Whether another attempt may be answered otherwise (retried, within the settings' limits). */
  readonly retryable: boolean;
  /** What happened, and what to do. */
  readonly message: (f: StatusFacts) => string;
}

const within = (status: number, specs: readonly StatusSpec[]): boolean =>
  specs.some((s) => (typeof s === "number" ? s === status : status >= s[0] && status <= s[1]));

/** Every status, for the last row. */
const ANY_STATUS: readonly StatusSpec[] = [[0, 999]];

/**
 * The meaning of each error status, in order: the first row whose statuses hold the status and
 * whose condition holds gives the error. The last row takes every status.
 */
export const STATUS_FAILURES: readonly StatusFailure[] = [
  {
    statuses: [401],
    error: TursoAuthError,
    retryable: false,
    message: (f) => `The Turso API rejected the API token from ${f.tokenSource} (${f.said}). ${f.tokenFix}.`,
  },
  {
    statuses: [403, 404],
    when: (f) => f.ref.locations === true,
    error: TursoApiError,
    retryable: false,
    message: (f) =>
      `The Turso API failed listing ${f.what}: GET ${f.url} answered ${f.said}. Every valid token may list them: ` +
      `check the base URL, from ${f.baseUrlSource}.`,
  },
  {
    // An organization- or group-scoped token: the API's words say what it can reach.
    statuses: [403],
    when: (f) => /restricted to|scope/i.test(f.apiMessage ?? ""),
    error: TursoForbiddenError,
    retryable: false,
    message: (f) =>
      `The token from ${f.tokenSource} cannot reach ${f.where} (${f.said}): it is a scoped token, and ` +
      `its scope does not cover this lookup. Use a token whose scope does (turso auth api-tokens mint NAME), ` +
      `or give this lookup its own token with tokenFrom.`,
  },
  {
    statuses: [403],
    error: TursoForbiddenError,
    retryable: false,
    message: (f) =>
      `The Turso API refused access to ${f.where} (${f.said}): the token's user is not a member of it, ` +
      `or the token's scope does not cover it. Check "turso org list" and the token from ${f.tokenSource}.`,
  },
  {
    // A list has no group to miss: its 404 is the organization's.
    statuses: [404],
    when: (f) =>
      f.ref.group === undefined || (f.ref.organization !== undefined && /organi[sz]ation/i.test(f.apiMessage ?? "")),
    error: TursoNotFoundError,
    missing: "organization",
    retryable: false,
    message: (f) =>
      `The Turso API does not know ${f.where}, or the token from ${f.tokenSource} cannot see it (${f.said}). ` +
      `Check the organization's name with "turso org list".`,
  },
  {
    statuses: [404],
    error: TursoNotFoundError,
    missing: "group",
    retryable: false,
    message: (f) =>
      `Group "${f.ref.group}" was not found in ${f.where} (${f.said}). ` +
      (f.ref.organization === undefined
        ? `List your groups with "turso group list"; for an organization's group, set organization, ${f.key("organization")} or TURSO_ORGANIZATION.`
        : `List its groups with "turso group list" (after "turso org switch ${f.ref.organization}"), and check the organization's name with "turso org list".`),
  },
  {
    statuses: [[300, 399]],
    error: TursoApiError,
    retryable: false,
    message: (f) =>
      `The Turso API answered GET ${f.url} with a redirect (${f.status} to ${f.location}), which is not followed ` +
      `so that the token never leaves for another host. Check the base URL, from ${f.baseUrlSource}.`,
  },
  {
    statuses: RETRY_STATUSES,
    error: TursoApiError,
    retryable: true,
    message: (f) =>
      `The Turso API failed looking up ${f.what}: GET ${f.url} answered ${f.said} after ${f.tried}. ` +
      `Try again later, or raise ${f.key("maxRetries")}.`,
  },
  {
    statuses: ANY_STATUS,
    error: TursoApiError,
    retryable: false,
    message: (f) =>
      `The Turso API failed looking up ${f.what}: GET ${f.url} answered ${f.said}. This request will not succeed as it is.`,
  },
];

/** The row of {@link STATUS_FAILURES} that gives the meaning of `facts`' status. */
export function statusRow(facts: StatusFacts): StatusFailure {
  const row = STATUS_FAILURES.find((r) => within(facts.status, r.statuses) && (r.when?.(facts) ?? true));
  // The last row takes every status.
  return row ?? (STATUS_FAILURES[STATUS_FAILURES.length - 1] as StatusFailure);
}

/** The error of an answer with an error status, from its row. */
export function statusFailure(facts: StatusFacts, attempts: number): TursoError {
  const row = statusRow(facts);
  const details = {
    method: "GET",
    url: facts.url,
    status: facts.status,
    attempts,
    ...(facts.apiMessage === undefined ? {} : { apiMessage: facts.apiMessage }),
  };
  return new row.error(row.message(facts), { ...details, ...(row.missing ? { missing: row.missing } : {}) } as Details);
}

type NoAnswer = Exclude<Attempt, { kind: "response" }>;

/** A row of {@link ATTEMPT_FAILURES}: an attempt that got no usable answer. */
export interface AttemptFailure<K extends NoAnswer["kind"]> {
  readonly error: typeof TursoApiError | typeof TursoResponseError;
  readonly retryable: (a: Extract<NoAnswer, { kind: K }>) => boolean;
  readonly message: (f: FailureFacts, a: Extract<NoAnswer, { kind: K }>) => string;
}

/** The meaning of each attempt that got no usable answer. */
export const ATTEMPT_FAILURES: { readonly [K in NoAnswer["kind"]]: AttemptFailure<K> } = {
  timeout: {
    error: TursoApiError,
    retryable: () => true,
    message: (f) =>
      `Timed out looking up ${f.what}: GET ${f.url} got no complete answer within ${f.timeoutMs} ms (${f.tried}). ` +
      `Check the network and the base URL, from ${f.baseUrlSource}, or raise ${f.key("timeoutMs")} and ${f.key("totalTimeoutMs")}.`,
  },
  network: {
    error: TursoApiError,
    // A proxy that refused the tunnel with a final status will refuse it again.
    retryable: (a) => a.proxy?.retryable !== false,
    message: (f, a) =>
      a.proxy
        ? `Could not reach the Turso API looking up ${f.what}: ${a.proxy.message} (${f.tried}). ${a.proxy.hint}`
        : `Could not reach the Turso API looking up ${f.what}: GET ${f.url} failed with ${a.code} (${f.tried}). ` +
          `Check the network and the base URL, from ${f.baseUrlSource}.`,
  },
  cancelled: {
    error: TursoApiError,
    retryable: () => false,
    message: (f) =>
      `The lookup of ${f.what} was cancelled (Ctrl-C): GET ${f.url} was stopped after ${f.tried}, and nothing was ` +
      `recorded for it. Run the command again.`,
  },
  "too-large": {
    error: TursoResponseError,
    retryable: () => false,
    message: (f) => `The Turso API's answer to GET ${f.url} is larger than ${f.maxResponseBytes} bytes; refused.`,
  },
};

/** The row of an attempt without a usable answer, typed for its kind. */
function rowOf<K extends NoAnswer["kind"]>(a: Extract<NoAnswer, { kind: K }>): AttemptFailure<K> {
  return ATTEMPT_FAILURES[a.kind as K];
}

/** Whether another attempt may go better than `a`. */
export function isRetryable(a: Attempt): boolean {
  return a.kind === "response" ? isRetryableStatus(a.status) : rowOf(a).retryable(a);
}

/** The error of an attempt that got no usable answer (a too-large answer counts no attempts). */
export function attemptFailure(facts: FailureFacts, a: NoAnswer, attempts: number): TursoError {
  const row = rowOf(a);
  const message = row.message(facts, a);
  return row.error === TursoResponseError
    ? new TursoResponseError(message, { method: "GET", url: facts.url })
    : new TursoApiError(message, { method: "GET", url: facts.url, attempts });
}
