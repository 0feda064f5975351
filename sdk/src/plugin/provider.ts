/**
 * The `turso-group` provider: functions only (no resources), served by `@pulumi/pulumi/provider`'s
 * `main`. `invoke`, `getSchema` and `cancel` are small methods over {@link PluginLookups}.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type * as provider from "@pulumi/pulumi/provider";
import { bundledVersion } from "../core/bundle";
import { asInvokeFailure } from "./failure";
import { PluginLookups, type Answer } from "./lookups";
import { hasSecret, secretFields, unwrapSecrets } from "./secrets";
import { FUNCTIONS, packageSchema } from "./schema";

/** The package's version (sdk/package.json, or stamped into the executable's bundle), which is the plugin's. */
export function packageVersion(): string {
  const stamped = bundledVersion();
  if (stamped !== undefined) return stamped;
  const file = path.join(__dirname, "..", "..", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** The provider object `main` serves, over `lookups`. */
export function makeProvider(lookups: PluginLookups, version: string = packageVersion()): provider.Provider {
  const call = (token: string, args: Record<string, unknown>, secret: boolean): Promise<Answer<object>> => {
    switch (token) {
      case "turso-group:index:getGroup":
        return lookups.getGroup(args, secret);
      case "turso-group:index:getGroups":
        return lookups.getGroups(args, secret);
      case "turso-group:index:getLocations":
        return lookups.getLocations(args);
      default:
        throw new Error(`unknown function ${token}; this provider has ${Object.keys(FUNCTIONS).join(", ")}`);
    }
  };
  return {
    version,
    getSchema: () => Promise.resolve(JSON.stringify(packageSchema(version))),
    cancel: () => {
      lookups.cancel();
      return Promise.resolve();
    },
    invoke: async (token: string, inputs: unknown): Promise<provider.InvokeResult> => {
      const args = (unwrapSecrets(inputs) ?? {}) as Record<string, unknown>;
      const secret = hasSecret(inputs);
      try {
        const answer = await call(token, args, secret);
        return { outputs: answer.secret ? secretFields(answer.outputs) : answer.outputs };
      } catch (err) {
        throw asInvokeFailure(err);
      }
    },
  };
}
