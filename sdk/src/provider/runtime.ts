/**
 * The provider contract's entry point, kept at this path for the provider texts already in state:
 * a contract-2 text requires `<copy>/dist/provider/runtime.js` and earlier texts require
 * `pulumi-turso-group/internal/provider` (package.json maps it here). The implementation is the
 * dynamic front's, in `dynamic/provider/runtime.ts`. Internal: not part of the public API.
 */
export { contract, runtime, ProviderRuntime } from "../dynamic/provider/runtime";
export type { GroupProps, ReadProps, ReadOutputs, ProviderLogger } from "../dynamic/provider/runtime";
