/**
 * Pulumi's secret values on the wire: in a protobuf Struct, a secret is an object holding the
 * secret signature and the value. The plugin accepts secrets (its server says so), so a secret
 * argument or config value arrives wrapped, and a result it wraps stays secret in the program.
 */

/** The key Pulumi marks a special value with, and the value that means "secret". */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecretValue(value: unknown): value is { value?: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Whether `value` holds a secret anywhere. */
export function hasSecret(value: unknown): boolean {
  if (isSecretValue(value)) return true;
  if (Array.isArray(value)) return value.some(hasSecret);
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(hasSecret);
}

/** `value` with every secret wrapper taken off. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
}

/** Each field of `outputs` made secret, as the engine does for a provider that accepts no secrets. */
export function secretFields(outputs: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { [SIG_KEY]: SECRET_SIG, value: v }]));
}
