/**
 * The emulator of an end-to-end suite: started once before the suite's tests, its request log
 * cleared before each test, stopped after the suite. Call at the top level of a test file.
 */
import { startEmulator, type Emulator, type Seed } from "../../sdk/src/emulator";
import { TEST_SEED } from "../helpers/seed";
import { NO_TURSO_ENV, type StackOptions, type TestStack } from "./harness";

/** The suite's emulator, and its request log as `METHOD /path STATUS` lines. */
export interface SuiteEmulator extends Emulator {
  gets(): string[];
  /** Puts the emulator back as its seed made it (groups and faults): the admin route POST /__emulator/reset. */
  reset(): Promise<void>;
}

export function suiteEmulator(seed: Seed = TEST_SEED): SuiteEmulator {
  let started: Emulator | undefined;
  beforeAll(async () => {
    started = await startEmulator({ seed });
  });
  afterAll(() => started?.stop());
  beforeEach(() => started?.clearRequests());
  const emu = (): Emulator => {
    if (started === undefined) throw new Error("the suite's emulator starts in beforeAll");
    return started;
  };
  return {
    get url() {
      return emu().url;
    },
    get port() {
      return emu().port;
    },
    requests: () => emu().requests(),
    clearRequests: () => emu().clearRequests(),
    maxInFlight: () => emu().maxInFlight(),
    addFault: (fault) => emu().addFault(fault),
    clearFaults: () => emu().clearFaults(),
    setGroup: (organization, group) => emu().setGroup(organization, group),
    stop: () => emu().stop(),
    gets: () =>
      emu()
        .requests()
        .map((r) => `${r.method} ${r.path} ${r.status}`),
    reset: async () => {
      const res = await fetch(`${emu().url}/__emulator/reset`, { method: "POST" });
      if (res.status !== 200) throw new Error(`POST /__emulator/reset answered ${res.status}: ${await res.text()}`);
    },
  };
}

/**
 * A stack of a program that calls the turso-group plugin, against an emulator of the default seed:
 * the emulator's URL in `turso-group:apiBaseUrl`, its token `demo-token` as secret config, and no
 * TURSO_* variable from the environment of the tests.
 */
export function pluginStackOptions(program: string, emulator: Pick<Emulator, "url">): StackOptions {
  return {
    program,
    config: { "turso-group:apiBaseUrl": emulator.url },
    secrets: { "turso-group:apiToken": "demo-token" },
    env: NO_TURSO_ENV,
  };
}

/**
 * A plugin stack's preview and up of the demo seed's group `default`: each must make exactly the
 * requests `expected` (in any order; by default one, `GET /v1/groups/default`), and the preview must
 * show its primary. The stack's outputs, and what the preview printed.
 */
export async function previewAndUpReadDefaultOnce(
  stack: TestStack,
  emulator: Pick<Emulator, "requests" | "clearRequests">,
  expected: readonly string[] = ["GET /v1/groups/default 200"],
): Promise<{ outputs: Record<string, unknown>; printed: string }> {
  const gets = (): string[] =>
    emulator
      .requests()
      .map((r) => `${r.method} ${r.path} ${r.status}`)
      .sort();
  const sorted = [...expected].sort();
  emulator.clearRequests();
  const preview = await stack.cli(["preview"]);
  expect(preview.output).toMatch(/primary\s*: "fra"/);
  expect(gets()).toEqual(sorted);
  emulator.clearRequests();
  await stack.up();
  expect(gets()).toEqual(sorted);
  return { outputs: await stack.outputs(), printed: preview.output };
}
