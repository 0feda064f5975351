/**
 * The `turso-group` provider: functions only (no resources), served by the plugin's own gRPC server
 * (server.ts). `invoke`, `getSchema` and `cancel` are small methods over {@link PluginLookups}.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { asInvokeFailure } from "./failure";
import { homeOf, packageManifest, type PackageManifest } from "./home";
import { PluginLookups, type Answer } from "./lookups";
import { hasSecret, secretFields, unwrapSecrets } from "./secrets";
import { FUNCTIONS, packageSchema } from "./schema";

/**
 * The provider object `main` serves, over `lookups`; `manifest` (sdk/package.json's version, which
 * is the plugin's, and repository, the project's home) is stamped into its schema.
 */
export function makeProvider(lookups: PluginLookups, manifest: PackageManifest = packageManifest()): provider.Provider {
  const { version } = manifest;
  const home = homeOf(manifest.repository);
  const call = (token: string, args: Record<string, unknown>, secret: boolean): Promise<Answer<object>> => {
    switch (token) {
      case "turso-group:index:getGroup":
        return lookups.getGroup(args, secret);
      case "turso-group:index:findGroup":
        return lookups.findGroup(args, secret);
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
    getSchema: () => Promise.resolve(JSON.stringify(packageSchema(version, home))),
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
