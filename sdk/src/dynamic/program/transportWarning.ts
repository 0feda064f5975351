/**
 * The data source's proxy warning (the rule is the core's, `core/transport.ts`): once per program
 * run, through Pulumi's log, when this process's gRPC to the engine goes through a proxy.
 */
import * as pulumi from "@pulumi/pulumi";
import { proxiedTransport, transportWarning } from "../../core/transport";
import type { Environment } from "../../core/settings";
import { firstTimeThisRun } from "./oncePerRun";

/**
 * Warns once per program run (each CLI run, each Automation API `preview`/`up`) when
 * {@link proxiedTransport} holds for this process's environment.
 *
 * @example
 * ```ts
 * warnIfTransportIsProxied(); // warning: https_proxy is set and no_proxy does not exempt 127.0.0.1 ...
 * ```
 */
export function warnIfTransportIsProxied(env: Environment = process.env): void {
  if (!firstTimeThisRun("transport")) return;
  const found = proxiedTransport(env);
  if (found !== undefined) void pulumi.log.warn(transportWarning(found, env));
}
