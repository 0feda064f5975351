/**
 * Log lines from a provider process (the dynamic provider's or the plugin's) to the Pulumi engine,
 * so that they appear where Pulumi's own do: debug lines with `pulumi preview --debug` (and in
 * `-v` logs), info lines always. The engine's address is the process's last `host:port` argument.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import type { ClientLogger } from "./client/http";

/** Debug, info and warning lines to the engine. */
export interface EngineLogger extends ClientLogger {
  warn(message: string): void;
}

/** The engine address among a plugin's arguments, if any. */
export function engineAddress(args: readonly string[]): string | undefined {
  return args.filter((a) => /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(a)).pop();
}

/** A logger that sends to the engine at `address`; undefined when the engine cannot be reached. */
export function engineLogger(address: string | undefined): EngineLogger | undefined {
  if (address === undefined) return undefined;
  try {
    // The engine's gRPC stubs ship inside @pulumi/pulumi; static imports, so that a bundle holds them.
    const client = new EngineClient(address, grpc.credentials.createInsecure());
    const send = (severity: LogSeverity, message: string): void => {
      client.log(new LogRequest().setSeverity(severity).setMessage(message), () => undefined);
    };
    return {
      debug: (message) => send(LogSeverity.DEBUG, message),
      info: (message) => send(LogSeverity.INFO, message),
      warn: (message) => send(LogSeverity.WARNING, message),
    };
  } catch {
    return undefined;
  }
}
