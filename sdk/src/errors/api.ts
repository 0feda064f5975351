import { TursoError, type TursoErrorDetails } from "./base";

/**
 * The Turso Platform API answered with an error status (after any retries), or could not be
 * reached in time. `status` is the last status seen; it is undefined when no response arrived.
 *
 * @example
 * ```ts
 * if (err instanceof TursoApiError && err.status === 429) console.error("rate limited");
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
 * 401: the API token was missing, malformed, expired or revoked.
 *
 * @example
 * ```ts
 * if (err instanceof TursoAuthError) console.error("mint a new token: turso auth api-tokens mint NAME");
 * ```
 */
export class TursoAuthError extends TursoApiError {
  /** Always `"TursoAuthError"`. */
  override name = "TursoAuthError";
}

/**
 * 403: the token's user is not a member of the organization, or the token's scope does not cover it.
 *
 * @example
 * ```ts
 * if (err instanceof TursoForbiddenError) console.error("check: turso org list");
 * ```
 */
export class TursoForbiddenError extends TursoApiError {
  /** Always `"TursoForbiddenError"`. */
  override name = "TursoForbiddenError";
}

/**
 * 404: no such group in that organization (or personal account), or no such organization.
 *
 * @example
 * ```ts
 * if (err instanceof TursoNotFoundError) console.error("list groups: turso group list");
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
 * strings, `primary` not a string, or larger than the size limit.
 *
 * @example
 * ```ts
 * if (err instanceof TursoResponseError) console.error(err.status, err.message);
 * ```
 */
export class TursoResponseError extends TursoError {
  /** Always `"TursoResponseError"`. */
  override name = "TursoResponseError";
}
