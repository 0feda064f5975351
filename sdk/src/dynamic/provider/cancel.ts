/**
 * The engine's `Cancel` (Ctrl-C), seen from inside Pulumi's dynamic-provider host.
 *
 * The host answers the engine's `Cancel` RPC with nothing, and its gRPC server is a local of its
 * `main`, out of reach. What is in reach is the gRPC library the host runs on: @grpc/grpc-js's
 * `Server` looks up the handler of every incoming call with `_retrieveHandler(path)`. Wrapping
 * that method on each `Server` class already loaded in this process (found in `require.cache`, so
 * it is the host's own copy, whatever the package layout) lets a `Cancel` call be noticed, then
 * answered by the host as before. Where the method is missing (another grpc-js), nothing is
 * wrapped, and a lookup ends by its deadline as it always did.
 */

/** The path of the engine's `Cancel` call on a resource provider. */
export const CANCEL_PATH = "/pulumirpc.ResourceProvider/Cancel";

type Retrieve = (this: unknown, ...args: unknown[]) => unknown;
interface ServerClass {
  prototype: { _retrieveHandler?: Retrieve };
}

const WRAPPED = Symbol.for("pulumi-turso-group/cancel-hook/v1");
const listeners = new Set<() => void>();

/** The grpc-js `Server` classes loaded in this process. */
function loadedServers(): ServerClass[] {
  const servers: ServerClass[] = [];
  for (const [file, entry] of Object.entries(require.cache)) {
    if (!/[\\/]@grpc[\\/]grpc-js[\\/]build[\\/]src[\\/]server\.js$/.test(file)) continue;
    const Server = (entry?.exports as { Server?: ServerClass } | undefined)?.Server;
    if (typeof Server === "function") servers.push(Server);
  }
  return servers;
}

/**
 * Calls `listener` when the engine sends `Cancel` to this provider process (Ctrl-C in the CLI).
 * Returns whether a `Cancel` can be seen here at all.
 */
export function onEngineCancel(listener: () => void): boolean {
  listeners.add(listener);
  let hooked = false;
  for (const Server of loadedServers()) {
    const proto = Server.prototype as { _retrieveHandler?: Retrieve & { [WRAPPED]?: true } };
    const original = proto._retrieveHandler;
    if (typeof original !== "function") continue;
    hooked = true;
    if (original[WRAPPED]) continue;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      if (args[0] === CANCEL_PATH) for (const l of listeners) l();
      return original.apply(this, args);
    };
    proto._retrieveHandler = Object.assign(wrapped, { [WRAPPED]: true as const });
  }
  return hooked;
}
