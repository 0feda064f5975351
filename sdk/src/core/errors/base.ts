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
 * Base class of every error this package throws. A program sees only those thrown at the call
 * (a {@link TursoInputError}: a bad argument, option or setting); what the API answers fails the
 * preview in Pulumi's engine, where the subclasses' `status`, `url` and `apiMessage` shape the
 * message, and never reaches the program.
 *
 * @example
 * ```ts
 * import { getGroup, TursoError } from "pulumi-turso-group";
 *
 * try {
 *   await getGroup({ group: process.env["GROUP"] ?? "" });
 * } catch (err) {
 *   if (err instanceof TursoError) console.error(err.message); // e.g. group "" is invalid: it must not be empty. ...
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
