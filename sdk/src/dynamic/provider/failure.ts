import { TursoError } from "../../core/errors";

/**
 * What the host writes to stderr for an expected failure (`${e}: ${e.stack}`): a line that
 * {@link quietReadFailures} keeps out of the output, and that names the package if it ever shows.
 */
export const FAILURE_LINE = "pulumi-turso-group: the lookup failed: ";

/**
 * Prepares what a failed read throws to Pulumi's dynamic-provider host.
 *
 * The host writes `${e}: ${e.stack}` of whatever `read` throws to stderr (which the CLI shows,
 * attached to the stack rather than the lookup, in the progress stream and again under
 * Diagnostics), then answers the engine with `e.details` (or `e.message`), which the CLI prints
 * under the lookup as `error: Preview failed: …`. For an expected failure (any {@link TursoError})
 * the message is the engine's to show, once per lookup: the stderr line is {@link FAILURE_LINE},
 * which the process does not print. Unexpected errors (bugs) keep their stacks.
 */
export function asReadFailure(err: unknown): unknown {
  if (!(err instanceof TursoError)) return err;
  Object.defineProperties(err, {
    details: { value: err.message },
    toString: { value: () => FAILURE_LINE.slice(0, -": ".length) },
    stack: { value: "" },
  });
  return err;
}

const QUIET = Symbol.for("pulumi-turso-group/quiet-read-failures/v1");

/**
 * Keeps the host's stderr line for an expected failure ({@link FAILURE_LINE}) out of the output:
 * it said nothing the lookup's own error does not, and it was attached to the stack, not to the
 * lookup. Every other line, another dynamic provider's included, is written as before.
 */
export function quietReadFailures(): void {
  const holder = console as typeof console & { [QUIET]?: true };
  if (holder[QUIET]) return;
  const write = console.error.bind(console);
  holder.error = (...args: unknown[]): void => {
    if (args.length === 1 && args[0] === FAILURE_LINE) return;
    write(...args);
  };
  holder[QUIET] = true;
}

/**
 * Thrown inside a refresh for a lookup whose group or organization no longer exists, after the
 * warning saying so: the read then answers an empty id, which makes Pulumi drop the lookup from
 * state instead of failing the refresh.
 */
export class DroppedByRefresh {
  /** `name` is the lookup's, as its URN shows it. */
  constructor(name: string, err: Error, warn: (message: string) => void) {
    warn(`${err.message} Refresh drops the lookup "${name}" from the stack's state.`);
  }
}
