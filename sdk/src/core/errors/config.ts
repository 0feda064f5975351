import { TursoError } from "./base";

/**
 * A setting is missing or unusable, e.g. no API token in `turso:apiToken` or `TURSO_API_TOKEN`.
 * The message names every place that was looked at. Internal: settings are read in the provider
 * process, so it fails the preview and never reaches the program (not exported).
 *
 * @example
 * ```text
 * error: Preview failed: No Turso API token: looked in stack config "turso:apiToken" and environment variable TURSO_API_TOKEN, both unset. Create a token with …
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
