import { TursoError } from "../errors";

/** What the host prints after the colon for an expected failure, instead of stack frames. */
export const FAILURE_HINT =
  "the lookup failed; the reason is in the error of its pulumi-nodejs:dynamic/turso:Group or turso:Groups resource";

/**
 * Prepares what a failed read throws to Pulumi's dynamic-provider host.
 *
 * The host writes `${e}: ${e.stack}` of whatever `read` throws to stderr (which the CLI shows in
 * the progress stream and again under Diagnostics), then answers the engine with `e.details` (or
 * `e.message`), which the CLI prints as `error: Preview failed: …`. For an expected failure (any
 * {@link TursoError}) the message is shown by the engine only, and the stderr line says which kind
 * of failure it was, without the package's stack frames. Unexpected errors (bugs) keep theirs.
 */
export function asReadFailure(err: unknown): unknown {
  if (!(err instanceof TursoError)) return err;
  const kind = err.name;
  Object.defineProperties(err, {
    details: { value: err.message },
    toString: { value: () => kind },
    stack: { value: FAILURE_HINT },
  });
  return err;
}

/**
 * Thrown inside a refresh for a lookup whose group or organization no longer exists, after the
 * warning saying so: the read then answers an empty id, which makes Pulumi drop the lookup from
 * state instead of failing the refresh.
 */
export class DroppedByRefresh {
  constructor(id: string, err: Error, warn: (message: string) => void) {
    warn(`${err.message} Refresh drops the lookup ${id} from the stack's state.`);
  }
}
