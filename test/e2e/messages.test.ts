import net from "node:net";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { ALICE, TEST_SEED } from "../helpers/seed";
import { Harness, lookupStacks, type TestStack } from "./harness";

jest.setTimeout(120_000);

// The mistakes users make (issue 24), through the real CLI: each message names the setting the
// value really came from and the function that was called, and is shown at most twice (Pulumi
// prints a resource's error in the progress and again under Diagnostics).
const harness = new Harness("messages");
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterAll(() => emu.stop());

const lookupStack = lookupStacks(harness);

/** A preview that fails; the output and how many times `message` is in it. */
async function failing(stack: TestStack, message: string): Promise<{ output: string; times: number }> {
  const result = await stack.run(["preview"]);
  expect(result.code).not.toBe(0);
  return { output: result.output, times: result.output.split(message).length - 1 };
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it("a base URL from TURSO_API_BASEURL that does not answer names TURSO_API_BASEURL, not turso:apiBaseUrl", async () => {
  const port = await closedPort();
  const stack = await lookupStack("unreachable-env", [{ group: "default" }], {
    config: { "turso:maxRetries": "0" },
    env: { TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: `http://127.0.0.1:${port}` },
  });
  const message =
    `Could not reach the Turso API looking up group "default" in your personal account: GET http://127.0.0.1:${port}/v1/groups/default ` +
    `failed with ECONNREFUSED`;
  const { output, times } = await failing(stack, message);
  expect(times).toBeGreaterThanOrEqual(1);
  expect(times).toBeLessThanOrEqual(2);
  expect(output).toContain("Check the network and the base URL, from environment variable TURSO_API_BASEURL.");
  expect(output).not.toContain("turso:apiBaseUrl");
});

it("a rejected tokenFrom token is fixed where tokenFrom looks, not in turso:apiToken", async () => {
  const stack = await lookupStack(
    "rejected-token-from",
    [{ group: "default", tokenFrom: { config: "e2e:otherToken" } }],
    {
      api: emu,
      token: ALICE,
      secrets: { "e2e:otherToken": "revoked-token-77" },
    },
  );
  const message =
    'The Turso API rejected the API token from stack config "e2e:otherToken" (401: invalid token). ' +
    'Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret e2e:otherToken <token>".';
  const { output, times } = await failing(stack, message);
  expect(times).toBeGreaterThanOrEqual(1);
  expect(times).toBeLessThanOrEqual(2);
  expect(output).not.toContain("TURSO_API_TOKEN");
});

it("a rejected token shared by three lookups is explained once; the others point to it in one line", async () => {
  const stack = await lookupStack(
    "rejected-shared",
    [{ group: "default" }, { organization: "acme", group: "prod" }, { group: "other", via: "promise" }],
    { api: emu, token: "revoked-token-77" },
  );
  const full =
    'The Turso API rejected the API token from stack config "turso:apiToken" (401: invalid token). Create a token with';
  const { output, times } = await failing(stack, full);
  expect(times).toBeGreaterThanOrEqual(1);
  expect(times).toBeLessThanOrEqual(2);
  expect(output).toMatch(
    /The Turso API rejected the API token from stack config "turso:apiToken" \(401: invalid token\): the error of the lookup of (group "default" in your personal account|group "prod" in organization "acme"|group "other" in your personal account) says how to replace it\./,
  );
});

it("an Output with no value as the group says so, naming the argument", async () => {
  // via "inputs" wraps every argument in an Output; a group left out resolves to no value, as a
  // StackReference output that does not exist does.
  const stack = await lookupStack("no-value", [{ via: "inputs" }], {
    api: emu,
    env: { TURSO_API_TOKEN: ALICE },
  });
  const message =
    "group came from an Output that has no value (a StackReference output that does not exist, or a config value " +
    "that is not set): getGroupOutput needs the group's name there.";
  const { times } = await failing(stack, message);
  expect(times).toBeGreaterThanOrEqual(1);
  expect(times).toBeLessThanOrEqual(2);
});
