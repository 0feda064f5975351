import { TursoError } from "../../sdk/src/core/errors";

/** The TursoError `promise` rejects with; anything else (a bug, or no failure at all) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<TursoError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TursoError) return err;
    throw err;
  }
  throw new Error("expected a failure");
}
