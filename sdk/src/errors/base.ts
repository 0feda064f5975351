/**
 * What every error of this package carries. The URL never holds the token: the token only
 * ever travels in the `Authorization` header, which no error stores.
 */
export interface TursoErrorDetails {
  /** The HTTP method of the request that failed, when a request was made. */
  readonly method?: string;
  /** The request URL (no credentials in it), when a request was made. */
  readonly url?: string;
  /** The HTTP status of the last response, when one arrived. */
  readonly status?: number;
  /** The API's own `error` message from the response body, when it sent one. */
  readonly apiMessage?: string;
  /** The underlying error (never an axios error, whose config holds the token). */
  readonly cause?: unknown;
}

/**
 * Base class of every error this package throws. Catch it to handle any Turso lookup failure.
 *
 * @example
 * ```ts
 * try {
 *   await getGroup({ group: "default" });
 * } catch (err) {
 *   if (err instanceof TursoError) console.error(err.status, err.url, err.message);
 * }
 * ```
 */
export class TursoError extends Error {
  /** The class name, for logs: `TursoError` or a subclass's name. */
  override name = "TursoError";
  /** The HTTP method of the request that failed, when a request was made. */
  readonly method: string | undefined;
  /** The request URL (no credentials in it), when a request was made. */
  readonly url: string | undefined;
  /** The HTTP status of the last response, when one arrived. */
  readonly status: number | undefined;
  /** The API's own `error` message, when it sent one. */
  readonly apiMessage: string | undefined;

  /**
   * @param message - what happened and what to do about it
   * @param details - the request and response facts to keep
   */
  constructor(message: string, details: TursoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.apiMessage = details.apiMessage;
  }

  /**
   * How Node.js (`util.inspect`, `console.log`) and so the Pulumi runtime print this error: its
   * name and message, with no stack frames and no field dump. An expected failure has nothing a
   * stack would add, and Pulumi's Node.js runtime takes a minute and gigabytes to inspect an Error
   * that reaches it asynchronously (see docs/reliability.md).
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.name}: ${this.message}`;
  }
}
