/**
 * An offline emulator of the Turso Platform API's group endpoints, for previews without an
 * account, for tests and for CI pipelines.
 *
 * @example
 * ```ts
 * import { startEmulator } from "pulumi-turso-group/emulator";
 *
 * const emulator = await startEmulator({ seed: "./seed.json" });
 * console.log(emulator.url);
 * ```
 * @packageDocumentation
 */
export { startEmulator, type Emulator, type EmulatorOptions } from "./server";
export type { LoggedRequest } from "./log";
export { DEFAULT_LOCATIONS } from "./locations";
export {
  DEFAULT_SEED,
  SeedError,
  type ApiGroup,
  type Seed,
  type SeedApiToken,
  type SeedGroup,
  type SeedOrganization,
  type SeedUser,
} from "./seed";
export type { Fault, FaultMatch } from "./faults";
