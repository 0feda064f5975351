import * as pulumi from "@pulumi/pulumi";
import { SETTINGS } from "../../core/settings";
import { firstTimeThisRun } from "./oncePerRun";

// Whether a stack configuration key holds a secret: in @pulumi/pulumi's runtime (3.139 and
// later), though not in its type declarations.
type SecretCheck = (key: string) => boolean;

/** Whether the stack configuration holds `key` as a secret; false where the runtime cannot tell. */
export function isConfigSecret(key: string): boolean {
  const check = (pulumi.runtime as unknown as { isConfigSecret?: SecretCheck }).isConfigSecret;
  return check !== undefined && check(key);
}

/**
 * Warns once per program run, at once, when `turso:apiToken` (or the config key a lookup's
 * `tokenFrom` names) is in the stack configuration as a
 * plain (not secret) value: Pulumi then keeps it in clear text in `Pulumi.<stack>.yaml` and, after
 * an update, in the state of the stack's default provider. The warning gives the command that
 * makes it a secret without retyping it. Nothing happens when the token is a secret, comes from
 * `TURSO_API_TOKEN`, or is not set.
 *
 * @example
 * ```ts
 * import { warnIfTokenIsPlain } from "./program/tokenWarning";
 *
 * warnIfTokenIsPlain(); // warning: turso:apiToken is stored in plain text ...
 * ```
 */
export function warnIfTokenIsPlain(key: string = SETTINGS.apiToken.key): void {
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: SecretCheck }).isConfigSecret;
  // getConfig, unlike Config.get, reads the key without a warning of its own about secrets.
  if (isSecret === undefined || pulumi.runtime.getConfig(key) === undefined || isSecret(key)) return;
  if (!firstTimeThisRun(`plain-token:${key}`)) return;
  const stack = pulumi.getStack();
  void pulumi.log.warn(
    `${key} is stored in plain text in the configuration of stack "${stack}" (Pulumi.${stack}.yaml), and an update ` +
      `copies it as it is into the stack's state: anyone who can read either can use the token. Make it a secret with\n` +
      `  pulumi config get ${key} --stack ${stack} | pulumi config set --secret ${key} --stack ${stack}\n` +
      `then, if the token was ever committed, shared or deployed this way, mint a new one ` +
      `("turso auth api-tokens mint NAME"): earlier copies stay in the file's and the stack's history.`,
  );
}
