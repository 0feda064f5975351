import { TursoError, type TursoErrorDetails } from "./base";

/**
 * The Turso Platform API answered with an error status (after any retries), or could not be
 * reached in time. `status` is the last status seen; it is undefined when no response arrived.
 * Internal: it fails the preview in the engine and never reaches the program (not exported).
 *
 * @example
 * ```text
 * error: Preview failed: The Turso API failed looking up group "prod" in organization "acme": GET … answered 503 after 4 attempts over 7.3 s. Try again later, or raise turso:maxRetries.
 * ```
 */
export class TursoApiError extends TursoError {
  /** Always `"TursoApiError"`. */
  override name = "TursoApiError";
  /** How many requests were made, retries included. */
  readonly attempts: number;

  constructor(message: string, details: TursoErrorDetails & { readonly attempts: number }) {
    super(message, details);
    this.attempts = details.attempts;
  }
}

/**
 * What the API answered, as messages quote it in parentheses: the status, then the API's own
 * `error` message when it sent one (`401: invalid token`).
 */
export function statusSaid(status: number, apiMessage: string | undefined): string {
  return `${status}${apiMessage === undefined ? "" : `: ${apiMessage}`}`;
}

/**
 * 401: the API token was missing, malformed, expired or revoked. Internal, as {@link TursoApiError}.
 *
 * @example
 * ```text
 * error: Preview failed: The Turso API rejected the API token from stack config "turso:apiToken" (401: invalid token). Create a token with …
 * ```
 */
export class TursoAuthError extends TursoApiError {
  /** Always `"TursoAuthError"`. */
  override name = "TursoAuthError";
}

/**
 * 403: the token's user is not a member of the organization, or the token's scope does not cover
 * it. Internal, as {@link TursoApiError}.
 *
 * @example
 * ```text
 * error: Preview failed: The Turso API refused access to organization "acme" (403: user is not a member of organization acme): …
 * ```
 */
export class TursoForbiddenError extends TursoApiError {
  /** Always `"TursoForbiddenError"`. */
  override name = "TursoForbiddenError";
}

/**
 * 404: no such group in that organization (or personal account), or no such organization.
 * Internal, as {@link TursoApiError}; `ifExists: true` turns a missing group into an absent result.
 *
 * @example
 * ```text
 * error: Preview failed: Group "nope" was not found in your personal account (404: group not found). List your groups with "turso group list"; …
 * ```
 */
export class TursoNotFoundError extends TursoApiError {
  /** Always `"TursoNotFoundError"`. */
  override name = "TursoNotFoundError";
  /** What the API did not find: the group, or the organization it was looked up in. */
  readonly missing: "group" | "organization";

  constructor(
    message: string,
    details: TursoErrorDetails & { readonly attempts: number; readonly missing: "group" | "organization" },
  ) {
    super(message, details);
    this.missing = details.missing;
  }
}

/**
 * A 2xx response whose body is not a group: not JSON, no `group`, `locations` not a list of
 * strings, `primary` not a string, larger than the size limit or a bound, holding a token, or about
 * another group. Internal, as {@link TursoApiError}.
 *
 * @example
 * ```text
 * error: Preview failed: The Turso API answered 200 but the body is not JSON ("<html>…"). Retry later; if it persists, report it to Turso.
 * ```
 */
export class TursoResponseError extends TursoError {
  /** Always `"TursoResponseError"`. */
  override name = "TursoResponseError";
}
