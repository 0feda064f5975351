import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { INVOKE_FAILURE_HINT } from "../../sdk/src/plugin/failure";
import { checkConfigKeys } from "../../sdk/src/plugin/checkConfig";
import { PluginLookups } from "../../sdk/src/plugin/lookups";
import { makeProvider } from "../../sdk/src/plugin/provider";
import { PACKAGE } from "../../sdk/src/plugin/schema";
import { serve } from "../../sdk/src/plugin/server";
import { ALICE, TEST_SEED } from "../helpers/seed";

// The plugin's own gRPC server, over real sockets, called as the engine calls it: Pulumi's
// ResourceProviderService client stubs from @pulumi/pulumi/proto.

let emu: Emulator;
let server: grpc.Server;
let client: ResourceProviderClient;
const configured: string[][] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
  const lookups = new PluginLookups({ TURSO_API_BASEURL: emu.url });
  const served = await serve(
    makeProvider(lookups, { version: "9.9.9", repository: "https://github.com/pulumi-turso-group/pulumi-turso-group" }),
    PACKAGE,
    {
      checkConfig: (names, urn) => checkConfigKeys(names, urn, undefined),
      configure: (config) => {
        configured.push([...config.values.keys()]);
        lookups.configure(config);
      },
    },
    () => undefined,
  );
  server = served.server;
  client = new ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  client.close();
  server.forceShutdown();
  await emu.stop();
});

type Unary = (req: unknown, done: (err: grpc.ServiceError | null, res: unknown) => void) => unknown;

/** The unary call `method` of the engine's client, as a promise. */
function call<Res>(method: keyof ResourceProviderClient, req: unknown): Promise<Res> {
  const fn = client[method] as unknown as Unary;
  return new Promise((resolve, reject) =>
    fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res as Res))),
  );
}

it("answers GetPluginInfo with the package's version and GetSchema with its schema", async () => {
  const info = await call<PluginInfo>("getPluginInfo", new Empty());
  expect(info.getVersion()).toBe("9.9.9");
  const schema = await call<proto.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest());
  expect(JSON.parse(schema.getSchema())).toMatchObject({ name: "turso-group", version: "9.9.9" });
});

it("CheckConfig: a misspelt key is a failure naming the setting; the inputs come back as sent", async () => {
  const req = new proto.CheckRequest()
    .setUrn("urn:pulumi:dev::p::pulumi:providers:turso-group::default")
    .setNews(Struct.fromJavaScript({ apiTokn: "x", acmeToken: "y" }));
  const res = await call<proto.CheckResponse>("checkConfig", req);
  expect(res.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
    ["", expect.stringContaining("Config key turso-group:apiTokn is not a setting")],
  ]);
  expect(res.getInputs()?.toJavaScript()).toEqual({ apiTokn: "x", acmeToken: "y" });
  const clean = await call<proto.CheckResponse>("checkConfig", req.setNews(Struct.fromJavaScript({ apiToken: "x" })));
  expect(clean.getFailuresList()).toEqual([]);
});

it("Configure passes the config on and accepts secrets; Invoke then reads the group", async () => {
  const req = new proto.ConfigureRequest();
  req.getVariablesMap().set("turso-group:config:apiToken", ALICE);
  const res = await call<proto.ConfigureResponse>("configure", req);
  expect(res.getAcceptsecrets()).toBe(true);
  expect(configured).toEqual([["turso-group:apiToken"]]);
  const invoked = await call<proto.InvokeResponse>(
    "invoke",
    new proto.InvokeRequest().setTok("turso-group:index:getGroup").setArgs(Struct.fromJavaScript({ group: "default" })),
  );
  expect(invoked.getReturn()?.toJavaScript()).toMatchObject({ name: "default", primary: "fra" });
});

it("a failed Invoke answers the message alone, and its stderr line names only the kind of failure", async () => {
  const stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const failed = call(
      "invoke",
      new proto.InvokeRequest().setTok("turso-group:index:getGroup").setArgs(Struct.fromJavaScript({ group: "nope" })),
    );
    await expect(failed).rejects.toMatchObject({
      code: grpc.status.UNKNOWN,
      // The name given as an argument is hidden: the plugin cannot tell it from a secret (turso-group:showNames).
      details: expect.stringMatching(/^Group "\[secret\]" was not found in your personal account \(404/),
    });
    expect(stderr.mock.calls).toEqual([[`TursoNotFoundError: ${INVOKE_FAILURE_HINT}`]]);
  } finally {
    stderr.mockRestore();
  }
});

it("answers UNIMPLEMENTED for what a functions-only provider does not do (resources, DiffConfig)", async () => {
  await expect(call("create", new proto.CreateRequest())).rejects.toMatchObject({
    code: grpc.status.UNIMPLEMENTED,
  });
  await expect(call("diffConfig", new proto.DiffRequest())).rejects.toMatchObject({
    code: grpc.status.UNIMPLEMENTED,
  });
});

it("Cancel stops later lookups", async () => {
  await call("cancel", new Empty());
  const stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const after = call(
      "invoke",
      new proto.InvokeRequest().setTok("turso-group:index:getGroup").setArgs(Struct.fromJavaScript({ group: "other" })),
    );
    await expect(after).rejects.toMatchObject({ details: expect.stringContaining("was cancelled (Ctrl-C)") });
  } finally {
    stderr.mockRestore();
  }
});
