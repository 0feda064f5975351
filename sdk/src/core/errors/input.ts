import { TursoError } from "./base";

/**
 * An argument, option or setting was rejected before any request was sent: an empty or malformed
 * group or organization name (an argument, `turso:organization` or `TURSO_ORGANIZATION`), a
 * malformed `expect` or `tokenFrom`, two calls for one group that disagree, an option a lookup
 * cannot honour. Thrown synchronously by `getGroup` and `getGroupOutput`, at the call.
 *
 * @example
 * ```ts
 * import { getGroupOutput, TursoInputError } from "pulumi-turso-group";
 *
 * try {
 *   getGroupOutput({ group: "a/b" });
 * } catch (err) {
 *   // group "a/b" is invalid: it must not contain "/" or "\". Use the name exactly as ...
 *   if (err instanceof TursoInputError) console.error(err.argument, err.rule, err.message);
 * }
 * ```
 */
export class TursoInputError extends TursoError {
  /** Always `"TursoInputError"`. */
  override name = "TursoInputError";

  constructor(
    /** The argument or setting at fault, e.g. `group`, `organization`, `turso:apiBaseUrl`. */
    readonly argument: string,
    /** The rule it broke, in words. */
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
