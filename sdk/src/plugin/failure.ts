import { TursoError } from "../core/errors";

/** What the plugin's stderr line says of an expected failure, instead of stack frames. */
export const INVOKE_FAILURE_HINT = "the lookup failed; the reason is the error of the invoke";

/**
 * Prepares what a failed invoke throws to the plugin's server (`server.ts`), which writes
 * `${e}: ${e.stack}` to the plugin's stderr and answers the engine with `e.message`, as
 * `@pulumi/pulumi/provider`'s server does. For an
 * expected failure (any {@link TursoError}) the stderr line names the kind of failure only; the
 * message reaches the user through the engine, once. Unexpected errors (bugs) keep their stack.
 */
export function asInvokeFailure(err: unknown): unknown {
  if (!(err instanceof TursoError)) return err;
  const kind = err.name;
  Object.defineProperties(err, {
    toString: { value: () => kind },
    stack: { value: INVOKE_FAILURE_HINT },
  });
  return err;
}
