/**
 * The plugin's gRPC server: Pulumi's `ResourceProviderService` (its stubs from `@pulumi/pulumi/proto`)
 * with the few methods a functions-only provider needs. `GetPluginInfo`, `GetSchema`, `Invoke` and
 * `Cancel` go to the provider object (`provider.ts`); `CheckConfig` and `Configure` to the plugin's
 * own listeners. Every other method (resources, `DiffConfig`, `Attach`, …) answers UNIMPLEMENTED,
 * which the engine takes as "not supported" (for `DiffConfig`: it diffs the config itself).
 * Why not `@pulumi/pulumi/provider`'s `main`: see docs/architecture.md.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import type * as provider from "@pulumi/pulumi/provider";
import { configOf, type ConfigureRequest, type ProviderConfig } from "./configure";

/** What the server calls besides the provider object. */
export interface ServerHooks {
  /** The config keys of a `CheckConfig` (without the namespace) and the check's URN; failures it finds. */
  readonly checkConfig?: (names: string[], urn: string) => { property: string; reason: string }[];
  /** The provider configuration of each `Configure`. */
  readonly configure?: (config: ProviderConfig) => void;
}

type Callback<T> = (err: grpc.ServiceError | Error | null, value?: T) => void;
type Call<Req> = { request: Req };

/** What a failed call answers the engine: the error's message (`@pulumi/pulumi/provider`'s way). */
function failed<T>(callback: Callback<T>, err: unknown): void {
  // The failure's one line on stderr (plugin/failure.ts shapes it); the engine shows the message.
  const e = err instanceof Error ? err : new Error(String(err));
  console.error(`${String(e)}: ${e.stack ?? ""}`);
  callback(e);
}

/** The service's handlers, over `impl` (the provider object) and `hooks`. */
export function handlers(
  impl: provider.Provider,
  pkg: string,
  hooks: ServerHooks = {},
): grpc.UntypedServiceImplementation {
  return {
    getPluginInfo(_call: Call<unknown>, callback: Callback<PluginInfo>): void {
      callback(null, new PluginInfo().setVersion(impl.version ?? ""));
    },
    getSchema(call: Call<proto.GetSchemaRequest>, callback: Callback<proto.GetSchemaResponse>): void {
      if (call.request.getVersion() !== 0)
        return callback(new Error(`unsupported schema version ${call.request.getVersion()}`));
      (impl.getSchema?.() ?? Promise.resolve("{}")).then(
        (schema) => callback(null, new proto.GetSchemaResponse().setSchema(schema)),
        (err: unknown) => failed(callback, err),
      );
    },
    checkConfig(call: Call<proto.CheckRequest>, callback: Callback<proto.CheckResponse>): void {
      try {
        const news = call.request.getNews();
        const names = Object.keys(news?.toJavaScript() ?? {});
        const failures = (hooks.checkConfig?.(names, call.request.getUrn()) ?? []).map((f) =>
          new proto.CheckFailure().setProperty(f.property).setReason(f.reason),
        );
        // The inputs as they came (secrets still marked): this check changes nothing.
        callback(null, new proto.CheckResponse().setInputs(news).setFailuresList(failures));
      } catch (err) {
        failed(callback, err);
      }
    },
    configure(call: Call<ConfigureRequest>, callback: Callback<proto.ConfigureResponse>): void {
      try {
        hooks.configure?.(configOf(call.request, pkg));
        callback(
          null,
          new proto.ConfigureResponse().setAcceptsecrets(true).setAcceptresources(true).setAcceptoutputs(true),
        );
      } catch (err) {
        failed(callback, err);
      }
    },
    invoke(call: Call<proto.InvokeRequest>, callback: Callback<proto.InvokeResponse>): void {
      const args = call.request.getArgs()?.toJavaScript() ?? {};
      const run = impl.invoke ? impl.invoke(call.request.getTok(), args) : Promise.reject(new Error("no functions"));
      run.then(
        (result) =>
          callback(null, new proto.InvokeResponse().setReturn(Struct.fromJavaScript(result.outputs as never))),
        (err: unknown) => failed(callback, err),
      );
    },
    cancel(_call: Call<unknown>, callback: Callback<Empty>): void {
      (impl.cancel?.() ?? Promise.resolve()).then(
        () => callback(null, new Empty()),
        (err: unknown) => failed(callback, err),
      );
    },
  };
}

/** Largest message either way, as `@pulumi/pulumi` allows (400 MiB). */
const MAX_MESSAGE = 400 * 1024 * 1024;

/**
 * Serves `impl` on 127.0.0.1 on a free port and tells `announce` the port (by default, prints it on
 * stdout, where the engine reads it). Resolves with the server and its port once it listens.
 */
export async function serve(
  impl: provider.Provider,
  pkg: string,
  hooks: ServerHooks = {},
  announce: (port: number) => void = (port) => process.stdout.write(`${port}\n`),
): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE,
    "grpc.max_send_message_length": MAX_MESSAGE,
  });
  server.addService(ResourceProviderService, handlers(impl, pkg, hooks));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  announce(port);
  return { server, port };
}
