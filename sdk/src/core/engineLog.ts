/**
 * Log lines from a provider process (the dynamic provider's or the plugin's) to the Pulumi engine,
 * so that they appear where Pulumi's own do: debug lines with `pulumi preview --debug` (and in
 * `-v` logs), info lines always. The engine's address is the process's last `host:port` argument.
 */
import { pulumiGrpc } from "./bundle";
import type { ClientLogger } from "./client/http";

type LogRequest = { setSeverity(s: number): void; setMessage(m: string): void };
type EngineProto = { LogRequest: new () => LogRequest; LogSeverity: { DEBUG: number; INFO: number; WARNING: number } };
type EngineClient = { log(req: LogRequest, done: (err: unknown) => void): void };

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
    // The engine's gRPC stubs ship inside @pulumi/pulumi, with the gRPC library it uses.
    const grpc = pulumiGrpc<{ credentials: { createInsecure(): unknown } }>();
    /* eslint-disable @typescript-eslint/no-require-imports */
    const proto = require("@pulumi/pulumi/proto/engine_pb") as EngineProto;
    const stubs = require("@pulumi/pulumi/proto/engine_grpc_pb") as {
      EngineClient: new (address: string, credentials: unknown) => EngineClient;
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const client = new stubs.EngineClient(address, grpc.credentials.createInsecure());
    const send = (severity: number, message: string): void => {
      const req = new proto.LogRequest();
      req.setSeverity(severity);
      req.setMessage(message);
      client.log(req, () => undefined);
    };
    return {
      debug: (message) => send(proto.LogSeverity.DEBUG, message),
      info: (message) => send(proto.LogSeverity.INFO, message),
      warn: (message) => send(proto.LogSeverity.WARNING, message),
    };
  } catch {
    return undefined;
  }
}
