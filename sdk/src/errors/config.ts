import { TursoError } from "./base";

/**
 * A setting is missing or unusable, e.g. no API token in `turso:apiToken` or `TURSO_API_TOKEN`.
 * The message names every place that was looked at.
 *
 * @example
 * ```ts
 * if (err instanceof TursoConfigError) console.error(err.key, err.message);
 * ```
 */
export class TursoConfigError extends TursoError {
  /** Always `"TursoConfigError"`. */
  override name = "TursoConfigError";

  constructor(
    /** The configuration key at fault, e.g. `turso:apiToken`. */
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}
